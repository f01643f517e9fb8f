package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.FOREIGN_KEY_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §14 account deletion in the database: {@code delete_account()} and the foreign keys to
 * {@code profiles} (V10). The central test snapshots every row of every table before and after,
 * and requires the difference to be exactly what §14 names: nobody else's data changes.
 */
class AccountDeletionTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    private static final List<String> TABLES = List.of("profiles", "auth_identities", "groups", "group_members",
            "sessions", "session_participants", "time_logs", "notifications");

    private static final Instant T0 = at("2026-05-04T08:00:00Z");
    private static final Instant NOW = at("2026-05-04T12:00:00Z");

    @Test
    void deletingAnAccountChangesExactlyWhatSpec14Names() {
        db.setNow(NOW);
        UUID ann = db.profile(); // deleted
        UUID bob = db.profile();
        UUID cal = db.profile();
        UUID dan = db.profile();
        identity(ann, "ann");
        identity(bob, "bob");

        // owned groups: one with an admin (heir, though a member joined earlier), one with members
        // only (the earliest joined is heir), one with nobody else (deleted with everything in it)
        UUID toAdmin = db.group(ann);
        db.member(toAdmin, cal, "member");
        db.joined(toAdmin, cal, at("2026-01-01T00:00:00Z"));
        db.member(toAdmin, bob, "admin");
        db.joined(toAdmin, bob, at("2026-02-01T00:00:00Z"));
        db.member(toAdmin, dan, "admin");
        db.joined(toAdmin, dan, at("2026-03-01T00:00:00Z"));
        UUID toMember = db.group(ann);
        db.member(toMember, dan, "member");
        db.joined(toMember, dan, at("2026-01-02T00:00:00Z"));
        db.member(toMember, cal, "member");
        db.joined(toMember, cal, at("2026-01-01T00:00:00Z"));
        UUID alone = db.group(ann);
        // a group of someone else that ann belongs to
        UUID bobs = db.group(bob);
        db.member(bobs, ann, "member");
        db.member(bobs, cal, "member");

        // ann's personal session with a log and a reminder
        Instant earlier = T0.minusSeconds(3 * 3600);
        UUID personal = db.stoppedSession(null, ann, earlier, earlier.plusSeconds(600));
        UUID personalLog = db.log(hostOf(personal, ann), earlier, earlier.plusSeconds(600));
        UUID personalReminder = reminder(ann, personal, null);

        // in bob's group: a running session ann created and hosts, joined by cal (earliest, still in)
        // and dan (later); one ann hosts where only bob took part and left (stopped at NOW); one bob
        // hosts where ann takes part
        UUID handedOver = running(bobs, ann, T0);
        UUID annOpen = db.log(hostOf(handedOver, ann), T0, T0.plusSeconds(1800));
        UUID calPart = participant(handedOver, cal, T0.plusSeconds(60));
        UUID calOpen = db.log(calPart, T0.plusSeconds(60), null);
        UUID danPart = participant(handedOver, dan, T0.plusSeconds(120));
        db.log(danPart, T0.plusSeconds(120), null);
        UUID abandoned = running(bobs, ann, T0.plusSeconds(3600));
        db.log(hostOf(abandoned, ann), T0.plusSeconds(3600), null);
        UUID bobLeft = participant(abandoned, bob, T0.plusSeconds(3600));
        UUID bobLog = db.log(bobLeft, T0.plusSeconds(3600), T0.plusSeconds(5400));
        db.update("update session_participants set left_at = ? where id = ?", T0.plusSeconds(5400), bobLeft);
        UUID bobsSession = db.stoppedSession(bobs, bob, T0.minusSeconds(7200), T0.minusSeconds(3600));
        db.update("update session_participants set role = 'host' where id = ?", participant(bobsSession, bob, T0.minusSeconds(7200)));
        UUID annInBobs = participant(bobsSession, ann, T0.minusSeconds(7200));
        db.log(annInBobs, T0.minusSeconds(7200), T0.minusSeconds(3600));
        // a session in the group ann alone is in (goes with the group)
        Instant evenEarlier = T0.minusSeconds(5 * 3600);
        UUID aloneSession = db.stoppedSession(alone, ann, evenEarlier, evenEarlier.plusSeconds(60));
        db.log(hostOf(aloneSession, ann), evenEarlier, evenEarlier.plusSeconds(60));

        // notifications: received by ann (go), sent by ann (stay, actor null), about the deleted group (go)
        UUID toAnn = invite(ann, bobs, bob);
        UUID fromAnn = invite(dan, toMember, ann);
        UUID aboutAlone = invite(bob, alone, ann);
        UUID milestoneOfCal = db.notification(cal, "milestone_member", bobs, at("2026-05-04T00:00:00Z"));

        Map<String, Map<String, Map<String, String>>> before = snapshot();
        List<String> changes = changesOf(db.query("select change, changed_group, changed_session from delete_account(?, ?)", ann, NOW));
        Map<String, Map<String, Map<String, String>>> after = snapshot();

        assertEquals(new TreeSet<>(List.of(
                "group_transferred " + toAdmin + " null", "group_transferred " + toMember + " null",
                "group_deleted " + alone + " null", "member_left " + bobs + " null",
                "session_changed " + bobs + " " + handedOver, "session_changed " + bobs + " " + abandoned,
                "session_changed " + bobs + " " + bobsSession)), new TreeSet<>(changes));

        // every difference, row by row and column by column
        Set<String> expected = new TreeSet<>();
        // ann's own rows
        removedRows(before, "profiles", "id", ann).forEach(expected::add);
        removedRows(before, "auth_identities", "profile_id", ann).forEach(expected::add);
        removedRows(before, "group_members", "user_id", ann).forEach(expected::add);
        removedRows(before, "session_participants", "user_id", ann).forEach(expected::add);
        removedRows(before, "time_logs", "user_id", ann).forEach(expected::add);
        removedRows(before, "notifications", "recipient_id", ann).forEach(expected::add);
        removedRows(before, "sessions", "id", personal).forEach(expected::add);
        // the group left alone, with everything in it and about it
        removedRows(before, "groups", "id", alone).forEach(expected::add);
        removedRows(before, "group_members", "group_id", alone).forEach(expected::add);
        removedRows(before, "sessions", "group_id", alone).forEach(expected::add);
        removedRows(before, "notifications", "group_id", alone).forEach(expected::add);
        // heirs of the groups
        expected.add("groups " + toAdmin + " owner_id: " + ann + " -> " + bob);
        expected.add("groups " + toAdmin + " updated_at: changed");
        expected.add("group_members " + memberId(before, toAdmin, bob) + " role: admin -> owner");
        expected.add("groups " + toMember + " owner_id: " + ann + " -> " + cal);
        expected.add("groups " + toMember + " updated_at: changed");
        expected.add("group_members " + memberId(before, toMember, cal) + " role: member -> owner");
        // sessions: creator gone, host passed on, an abandoned one stopped at NOW
        expected.add("sessions " + handedOver + " creator_id: " + ann + " -> null");
        expected.add("session_participants " + calPart + " role: participant -> host");
        expected.add("sessions " + abandoned + " creator_id: " + ann + " -> null");
        expected.add("sessions " + abandoned + " status: running -> stopped");
        expected.add("sessions " + abandoned + " ended_at: null -> " + ts(NOW));
        expected.add("sessions " + abandoned + " running_since: " + ts(T0.plusSeconds(3600)) + " -> null");
        expected.add("sessions " + abandoned + " closed_run_micros: 0 -> " + 3 * 3600 * 1_000_000L);
        // the invite ann sent keeps its text
        expected.add("notifications " + fromAnn + " actor_id: " + ann + " -> null");

        assertEquals(expected, diff(before, after));
        assertTrue(expected.stream().anyMatch(d -> d.contains(personalLog.toString())), "ann's personal log went");
        assertTrue(expected.stream().anyMatch(d -> d.contains(annOpen.toString())));
        assertTrue(expected.stream().anyMatch(d -> d.contains(personalReminder.toString())));
        assertTrue(expected.stream().anyMatch(d -> d.contains(toAnn.toString())));
        assertTrue(expected.stream().anyMatch(d -> d.contains(aboutAlone.toString())), "the group's notifications win over actor_id");
        assertFalse(expected.stream().anyMatch(d -> d.contains(calOpen.toString()) || d.contains(bobLog.toString())
                || d.contains(milestoneOfCal.toString())), "others' logs and notifications stay");
    }

    @Test
    void aSecondDeleteOfTheSameAccountDoesNothing() {
        UUID ann = db.profile();
        db.query("select * from delete_account(?, ?)", ann, NOW);
        Map<String, Map<String, Map<String, String>>> before = snapshot();
        assertEquals(List.of(), db.query("select * from delete_account(?, ?)", ann, NOW));
        assertEquals(Set.of(), diff(before, snapshot()));
    }

    /** The avatar URL comes back, read under the profile's lock, for the application's S3 deletion. */
    @Test
    void theAvatarUrlIsReturnedForItsObjectToBeDeleted() {
        UUID ann = db.profile();
        db.update("update profiles set avatar_url = 'https://cdn.example.com/avatars/x.png' where id = ?", ann);
        List<Object[]> rows = db.query("select * from delete_account(?, ?)", ann, NOW);
        assertEquals(1, rows.size());
        assertEquals(java.util.Arrays.asList("avatar", null, null, "https://cdn.example.com/avatars/x.png"),
                java.util.Arrays.asList(rows.get(0)));
    }

    /**
     * An owner and the heir delete their accounts one right after the other: the heir's deletion
     * waits for the owner's, then sees the group it inherited and passes it on to the next member.
     * (Here the heir's own profile lock is what waits. The advisory lock at the top of
     * delete_account() is for two deletions starting at the very same moment, each holding its own
     * profile and then needing the other's: without it they deadlock. That interleaving cannot be
     * forced from outside the function; AccountIT fires simultaneous deletions over HTTP.)
     */
    @Test
    void anOwnerAndTheHeirDeletingAtOnceLeaveTheGroupToTheNext() throws Exception {
        UUID ann = db.profile();
        UUID bob = db.profile();
        UUID cal = db.profile();
        UUID group = db.group(ann);
        db.member(group, bob, "admin");
        db.member(group, cal, "member");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection annSide = db.anotherConnection(); java.sql.Connection bobSide = db.anotherConnection()) {
            annSide.setAutoCommit(false);
            call(annSide, ann);
            java.util.concurrent.Future<?> bobs = pool.submit(() -> {
                call(bobSide, bob);
                return null;
            });
            awaitWaitingDeletion();
            assertFalse(bobs.isDone(), "bob's deletion waits for ann's");
            annSide.commit();
            bobs.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(cal, db.queryOne("select owner_id from groups where id = ?", group));
        List<Object[]> members = db.query("select user_id, role from group_members where group_id = ?", group);
        assertEquals(1, members.size());
        assertEquals(List.of(cal, "owner"), java.util.Arrays.asList(members.get(0)));
    }

    private static void call(java.sql.Connection connection, UUID account) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = connection.prepareStatement("select * from delete_account(?, ?)")) {
            s.setObject(1, account);
            s.setObject(2, NOW.atOffset(java.time.ZoneOffset.UTC));
            s.executeQuery().close();
        }
    }

    /** Until a delete_account() call is waiting for a lock (polling the server's own view of it). */
    private static void awaitWaitingDeletion() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((long) db.queryOne("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query like '%delete_account(%' and query not like '%pg_stat_activity%'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no deletion is waiting");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aSessionWithNobodyLeftIsStoppedEvenFromCreated() {
        UUID ann = db.profile();
        UUID bob = db.profile();
        UUID group = db.group(bob);
        db.member(group, ann, "member");
        UUID created = db.createdSession(group, ann);
        db.update("update session_participants set role = 'host' where id = ?", participant(created, ann, T0));
        db.query("select * from delete_account(?, ?)", ann, NOW);
        Object[] row = db.query("select status, started_at, ended_at, creator_id from sessions where id = ?", created).get(0);
        assertEquals("stopped", row[0]);
        assertEquals(null, row[1]);
        assertEquals(NOW, row[2]);
        assertEquals(null, row[3]);
    }

    @Test
    void onlyTheFunctionDeletesSomeoneWhoOwnsAGroupOrHasAPersonalSession() {
        UUID owner = db.profile();
        db.group(owner);
        assertRejected(FOREIGN_KEY_VIOLATION, "groups_owner_id_fkey",
                () -> db.update("delete from profiles where id = ?", owner));

        UUID focuser = db.profile();
        db.createdSession(null, focuser);
        assertRejected(CHECK_VIOLATION, "sessions_personal_has_creator",
                () -> db.update("delete from profiles where id = ?", focuser));
    }

    /** V10 decides every foreign key to profiles and says why in the catalog. */
    @Test
    void everyForeignKeyToProfilesIsDecidedAndExplained() {
        Map<String, String> actual = new TreeMap<>();
        for (Object[] row : db.query("""
                select c.conrelid::regclass || '.' || a.attname, c.confdeltype::text, coalesce(obj_description(c.oid, 'pg_constraint'), '')
                  from pg_constraint c
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                 where c.contype = 'f' and c.confrelid = 'profiles'::regclass""")) {
            actual.put((String) row[0], row[1] + (((String) row[2]).contains("SPEC 14") ? " explained" : " UNEXPLAINED"));
        }
        assertEquals(Map.of(
                "auth_identities.profile_id", "c explained",
                "group_members.user_id", "c explained",
                "session_participants.user_id", "c explained",
                "notifications.recipient_id", "c explained",
                "notifications.actor_id", "n explained",
                "groups.owner_id", "r explained",
                "sessions.creator_id", "n explained",
                "invite_links.created_by", "n explained",
                "idempotency_keys.user_id", "c explained"), actual);
    }

    // ------------------------------------------------------------------------------ rows

    private void identity(UUID profile, String subject) {
        db.update("insert into auth_identities (provider, subject, profile_id) values ('https://issuer', ?, ?)",
                subject + "-" + profile, profile);
    }

    /** A session of the group running since {@code at}, {@code host} its creator and host. */
    private UUID running(UUID group, UUID host, Instant at) {
        UUID session = db.runningSession(group, host, at);
        db.update("insert into session_participants (session_id, user_id, role, joined_at) values (?, ?, 'host', ?)",
                session, host, at);
        return session;
    }

    private UUID hostOf(UUID session, UUID user) {
        List<Object[]> rows = db.query("select id from session_participants where session_id = ? and user_id = ?", session, user);
        if (!rows.isEmpty()) {
            return (UUID) rows.get(0)[0];
        }
        return db.queryOne("""
                insert into session_participants (session_id, user_id, role, joined_at) values (?, ?, 'host', ?)
                returning id""", session, user, T0.minusSeconds(86_400));
    }

    private UUID participant(UUID session, UUID user, Instant joinedAt) {
        return db.queryOne("""
                insert into session_participants (session_id, user_id, role, joined_at) values (?, ?, 'participant', ?)
                returning id""", session, user, joinedAt);
    }

    private UUID reminder(UUID recipient, UUID session, UUID group) {
        return db.queryOne("""
                insert into notifications (recipient_id, kind, title, group_id, session_id)
                values (?, 'session_reminder', 'stopped', ?, ?) returning id""", recipient, group, session);
    }

    private UUID invite(UUID recipient, UUID group, UUID actor) {
        return db.queryOne("""
                insert into notifications (recipient_id, kind, title, group_id, actor_id)
                values (?, 'group_invite', 'join us', ?, ?) returning id""", recipient, group, actor);
    }

    // ------------------------------------------------------------------------------ snapshots

    /** table → id → column → value as text (timestamps in UTC). */
    private static Map<String, Map<String, Map<String, String>>> snapshot() {
        db.update("set time zone 'UTC'");
        Map<String, Map<String, Map<String, String>>> all = new TreeMap<>();
        for (String table : TABLES) {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            for (Object[] row : db.query("select t.id::text, j.key, j.value #>> '{}' from " + table
                    + " t, jsonb_each(to_jsonb(t)) j")) {
                rows.computeIfAbsent((String) row[0], id -> new TreeMap<>()).put((String) row[1], (String) row[2]);
            }
            all.put(table, rows);
        }
        return all;
    }

    /** "table id removed", "table id added", "table id column: before -> after" (updated_at: only "changed"). */
    private static Set<String> diff(Map<String, Map<String, Map<String, String>>> before,
                                    Map<String, Map<String, Map<String, String>>> after) {
        Set<String> diff = new TreeSet<>();
        for (String table : TABLES) {
            Map<String, Map<String, String>> b = before.get(table);
            Map<String, Map<String, String>> a = after.get(table);
            b.forEach((id, row) -> {
                Map<String, String> now = a.get(id);
                if (now == null) {
                    diff.add(table + " " + id + " removed");
                    return;
                }
                row.forEach((column, value) -> {
                    String changed = now.get(column);
                    if (!java.util.Objects.equals(value, changed)) {
                        diff.add(table + " " + id + " " + column + ": "
                                + (column.equals("updated_at") ? "changed" : value + " -> " + changed));
                    }
                });
            });
            a.keySet().stream().filter(id -> !b.containsKey(id)).forEach(id -> diff.add(table + " " + id + " added"));
        }
        return diff;
    }

    private static List<String> removedRows(Map<String, Map<String, Map<String, String>>> snapshot, String table,
                                            String column, UUID value) {
        List<String> removed = new ArrayList<>();
        snapshot.get(table).forEach((id, row) -> {
            if (value.toString().equals(row.get(column))) {
                removed.add(table + " " + id + " removed");
            }
        });
        return removed;
    }

    private static String memberId(Map<String, Map<String, Map<String, String>>> snapshot, UUID group, UUID user) {
        return snapshot.get("group_members").entrySet().stream()
                .filter(e -> group.toString().equals(e.getValue().get("group_id")) && user.toString().equals(e.getValue().get("user_id")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static List<String> changesOf(List<Object[]> rows) {
        return rows.stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList();
    }

    /** A timestamptz as to_jsonb writes it in UTC. */
    private static String ts(Instant instant) {
        return instant.toString().replace("Z", "+00:00");
    }
}
