package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static app.lockin.it.SessionCalls.expect;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.logged;
import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static app.lockin.it.SessionCalls.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §7 the race view {@code GET /api/groups/{id}/progress/current} through the API, on fixed
 * dates (the server's clock is pinned): the DST days of America/New_York, logs crossing local
 * midnight and Monday 00:00, clamping to the group window, overrides, what is not counted; and the
 * milestone notifications, exactly once per period, also under concurrency.
 */
@ExtendWith(ArquillianExtension.class)
class ProgressIT {

    static final String NEW_YORK = "America/New_York";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    // ------------------------------------------------------------------------------ shape and order

    @Test
    void theRaceViewListsEveryMemberMostSecondsFirst() {
        Instant t0 = Instant.parse("2026-06-10T08:00:00Z");
        TestUser ann = TestUser.named("Ann");
        TestUser cal = TestUser.named("Cal");
        TestUser bea = TestUser.named("Bea");
        TestUser idle = TestUser.named("Abe");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 30), ann, cal, bea, idle);
        TestClock.pin(t0);
        UUID session = readyForLogs(group, ann, cal, bea);
        TestClock.pin(t0.plusSeconds(3 * 3600));
        logged(ann.token(), session, t0.plusSeconds(60), t0.plusSeconds(60 + 40 * 60));
        logged(cal.token(), session, t0.plusSeconds(60), t0.plusSeconds(60 + 10 * 60));
        logged(bea.token(), session, t0.plusSeconds(60), t0.plusSeconds(60 + 10 * 60));

        JsonArray rows = progress(bea.token(), group);
        assertEquals(List.of(ann.id(), bea.id(), cal.id(), idle.id()), userIds(rows),
                "most seconds first; ties by display name");
        JsonObject first = rows.getJsonObject(0);
        for (String field : List.of("user_id", "display_name", "avatar_url", "seconds_done", "target_minutes", "goal_met",
                "period_start", "period_end", "is_focusing", "expected_seconds", "pace", "streak")) {
            assertTrue(first.containsKey(field), field + " is present");
        }
        assertEquals("Ann", first.getString("display_name"));
        assertTrue(first.isNull("avatar_url"));
        assertEquals(2400, first.getJsonNumber("seconds_done").longValue());
        assertEquals(30, first.getInt("target_minutes"));
        assertTrue(first.getBoolean("goal_met"));
        assertFalse(first.getBoolean("is_focusing"));
        assertEquals("2026-06-10T00:00:00Z", first.getString("period_start"));
        assertEquals("2026-06-11T00:00:00Z", first.getString("period_end"));
        assertFalse(rows.getJsonObject(1).getBoolean("goal_met"));
        assertEquals(0, rows.getJsonObject(3).getJsonNumber("seconds_done").longValue());
    }

    @Test
    void theRaceViewIsForMembersOnly() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann);
        assertRefused(Api.get("/api/groups/" + group + "/progress/current", Tokens.newUser()), 404, "not_found");
        assertRefused(Api.get("/api/groups/" + UUID.randomUUID() + "/progress/current", ann.token()), 404, "not_found");
        assertRefused(Api.get("/api/groups/not-a-uuid/progress/current", ann.token()), 404, "not_found");
        assertEquals(1, progress(ann.token(), group).size());
    }

    // ------------------------------------------------------------------------------ periods

    /**
     * 2026-03-08 in New York has 23 hours (02:00 EST jumps to 03:00 EDT). A log crossing local
     * midnight counts from midnight; one across the gap counts its real length; an open log counts
     * from midnight up to now.
     */
    @Test
    void theSpringForwardDayHas23Hours() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily(NEW_YORK, 600), ann, bob);
        TestClock.pin(local("2026-03-07T22:00"));
        UUID session = inGroup(ann.token(), group);
        ok(bob.token(), session, "join");
        ok(ann.token(), session, "start"); // bob focuses from 22:00 on
        ok(ann.token(), session, "leave");
        // 10:00 EDT: 11 real hours after the start, inside the 12-hour limit of a run (SPEC §15)
        TestClock.pin(local("2026-03-08T10:00"));
        logged(ann.token(), session, local("2026-03-07T23:30"), local("2026-03-08T00:30"));
        logged(ann.token(), session, local("2026-03-08T01:30"), local("2026-03-08T03:30"));

        JsonArray rows = progress(ann.token(), group);
        JsonObject annRow = rowOf(rows, ann);
        assertEquals("2026-03-08T05:00:00Z", annRow.getString("period_start"));
        assertEquals("2026-03-09T04:00:00Z", annRow.getString("period_end"), "23 hours");
        assertEquals(30 * 60 + 60 * 60, annRow.getJsonNumber("seconds_done").longValue(),
                "the half hour after midnight, and one real hour across the gap");
        JsonObject bobRow = rowOf(rows, bob);
        assertEquals(9 * 3600, bobRow.getJsonNumber("seconds_done").longValue(), "00:00 to 10:00 is 9 hours that day");
        assertTrue(bobRow.getBoolean("is_focusing"));
        assertEquals(List.of(bob.id(), ann.id()), userIds(rows));
    }

    /** 2026-11-01 in New York has 25 hours: 01:00–02:00 happens twice. */
    @Test
    void theFallBackDayHas25Hours() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.daily(NEW_YORK, 600), ann);
        TestClock.pin(local("2026-10-31T23:00"));
        UUID session = readyForLogs(group, ann);
        TestClock.pin(local("2026-11-01T12:00"));
        // 00:30 EDT (04:30Z) to 01:30 EST (06:30Z): two real hours
        logged(ann.token(), session, Instant.parse("2026-11-01T04:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"));
        logged(ann.token(), session, local("2026-10-31T23:00").plusSeconds(60), local("2026-11-01T00:00").plusSeconds(60));

        JsonObject row = rowOf(progress(ann.token(), group), ann);
        assertEquals("2026-11-01T04:00:00Z", row.getString("period_start"));
        assertEquals("2026-11-02T05:00:00Z", row.getString("period_end"), "25 hours");
        assertEquals(2 * 3600 + 60, row.getJsonNumber("seconds_done").longValue(),
                "two real hours, and the minute after midnight of the log that crossed it");
    }

    /** A weekly period runs from local Monday 00:00; a log crossing it counts only its part inside. */
    @Test
    void aLogCrossingMondayMidnightCountsOnlyItsPartInTheWeek() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.weekly(NEW_YORK, 600), ann);
        TestClock.pin(local("2026-03-08T20:00")); // Sunday, the DST day
        UUID session = readyForLogs(group, ann);
        TestClock.pin(local("2026-03-09T12:00")); // Monday
        logged(ann.token(), session, local("2026-03-08T23:00"), local("2026-03-09T01:00"));

        JsonObject row = rowOf(progress(ann.token(), group), ann);
        assertEquals("2026-03-09T04:00:00Z", row.getString("period_start"));
        assertEquals("2026-03-16T04:00:00Z", row.getString("period_end"));
        assertEquals(3600, row.getJsonNumber("seconds_done").longValue());
    }

    /** The week that holds the spring-forward day is an hour short, and counts every log in it. */
    @Test
    void theWeekOfTheSpringForwardDayIsAnHourShort() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.weekly(NEW_YORK, 600), ann);
        TestClock.pin(local("2026-03-01T20:00"));
        UUID session = readyForLogs(group, ann);
        TestClock.pin(local("2026-03-08T23:00"));
        logged(ann.token(), session, local("2026-03-01T23:30"), local("2026-03-02T00:30")); // half before the week
        logged(ann.token(), session, local("2026-03-04T09:00"), local("2026-03-04T10:00"));
        logged(ann.token(), session, local("2026-03-08T01:00"), local("2026-03-08T04:00")); // across the gap: 2 h

        JsonObject row = rowOf(progress(ann.token(), group), ann);
        assertEquals("2026-03-02T05:00:00Z", row.getString("period_start"));
        assertEquals("2026-03-09T04:00:00Z", row.getString("period_end"));
        assertEquals(30 * 60 + 3600 + 2 * 3600, row.getJsonNumber("seconds_done").longValue());
    }

    /** Only time inside [start_at, end_at) counts; the period reported is the clamped one. */
    @Test
    void theCurrentPeriodIsClampedToTheGroupWindow() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        Instant start = Instant.parse("2026-06-10T10:00:00Z");
        Instant end = Instant.parse("2026-06-10T16:00:00Z");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 600).window(start, end), ann, bob);
        TestClock.pin(Instant.parse("2026-06-10T09:00:00Z")); // a session may run before the group starts
        UUID session = inGroup(ann.token(), group);
        ok(bob.token(), session, "join");
        ok(ann.token(), session, "start");
        ok(ann.token(), session, "leave");
        JsonObject before = rowOf(progress(ann.token(), group), bob);
        assertEquals(0, before.getJsonNumber("seconds_done").longValue(), "before the window nothing counts");
        assertEquals("2026-06-10T10:00:00Z", before.getString("period_start"), "today, clamped to the window");

        TestClock.pin(Instant.parse("2026-06-10T17:00:00Z"));
        logged(ann.token(), session, Instant.parse("2026-06-10T09:30:00Z"), Instant.parse("2026-06-10T10:30:00Z"));
        logged(ann.token(), session, Instant.parse("2026-06-10T15:30:00Z"), Instant.parse("2026-06-10T16:30:00Z"));
        JsonArray rows = progress(ann.token(), group);
        JsonObject annRow = rowOf(rows, ann);
        assertEquals("2026-06-10T10:00:00Z", annRow.getString("period_start"));
        assertEquals("2026-06-10T16:00:00Z", annRow.getString("period_end"));
        assertEquals(3600, annRow.getJsonNumber("seconds_done").longValue());
        assertEquals(6 * 3600, rowOf(rows, bob).getJsonNumber("seconds_done").longValue(),
                "an open log since 09:00 counts from 10:00 to 16:00");
    }

    @Test
    void aMembersOverrideIsTheirTarget() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann);
        Fixtures.addMember(ann, group, bob, "member");
        Fixtures.overrideTarget(ann, group, bob, 30);
        Instant t0 = Instant.parse("2026-06-11T08:00:00Z");
        TestClock.pin(t0);
        UUID session = readyForLogs(group, ann, bob);
        TestClock.pin(t0.plusSeconds(3600));
        logged(ann.token(), session, t0, t0.plusSeconds(40 * 60));
        logged(bob.token(), session, t0, t0.plusSeconds(40 * 60));

        JsonArray rows = progress(ann.token(), group);
        assertEquals(60, rowOf(rows, ann).getInt("target_minutes"));
        assertFalse(rowOf(rows, ann).getBoolean("goal_met"));
        assertEquals(30, rowOf(rows, bob).getInt("target_minutes"));
        assertTrue(rowOf(rows, bob).getBoolean("goal_met"));
        assertEquals(1, milestones(group, "milestone_member", bob.id()));
        assertEquals(0, milestones(group, "milestone_member", ann.id()));
    }

    @Test
    void personalSessionsAndOtherGroupsSessionsAreNotCounted() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann);
        UUID otherGroup = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann);
        Instant t0 = Instant.parse("2026-06-12T08:00:00Z");
        TestClock.pin(t0);
        UUID here = readyForLogs(group, ann);
        UUID there = readyForLogs(otherGroup, ann);
        UUID mine = personal(ann.token());
        ok(ann.token(), mine, "start");
        ok(ann.token(), mine, "pause");
        TestClock.pin(t0.plusSeconds(3 * 3600));
        logged(ann.token(), here, t0, t0.plusSeconds(20 * 60));
        logged(ann.token(), there, t0.plusSeconds(20 * 60), t0.plusSeconds(50 * 60));
        logged(ann.token(), mine, t0.plusSeconds(50 * 60), t0.plusSeconds(90 * 60));

        assertEquals(20 * 60, rowOf(progress(ann.token(), group), ann).getJsonNumber("seconds_done").longValue());
        assertEquals(30 * 60, rowOf(progress(ann.token(), otherGroup), ann).getJsonNumber("seconds_done").longValue());
    }

    // ------------------------------------------------------------------------------ pace (SPEC §11.1)

    /**
     * At noon of a 60-minute day 1800 s are expected (5% of the target is 180 s): ann is done, bob
     * ahead, cal behind. At 20:00 bob has fallen behind and cal, whose own target is 5 hours,
     * cannot make it in the 4 hours left.
     */
    @Test
    void everyRowCarriesExpectedSecondsAndPace() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        TestUser cal = TestUser.named("Cal");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann, bob, cal);
        Fixtures.overrideTarget(ann, group, cal, 300);
        Instant t0 = Instant.parse("2026-06-17T08:00:00Z");
        TestClock.pin(t0);
        UUID session = readyForLogs(group, ann, bob, cal);
        TestClock.pin(Instant.parse("2026-06-17T12:00:00Z"));
        logged(ann.token(), session, t0, t0.plusSeconds(3600));
        logged(bob.token(), session, t0, t0.plusSeconds(40 * 60));

        JsonArray noon = progress(ann.token(), group);
        assertEquals(1800, rowOf(noon, ann).getJsonNumber("expected_seconds").longValue());
        assertEquals(1800, rowOf(noon, bob).getJsonNumber("expected_seconds").longValue());
        assertEquals(9000, rowOf(noon, cal).getJsonNumber("expected_seconds").longValue(), "half of cal's 5 hours");
        assertEquals("done", rowOf(noon, ann).getString("pace"));
        assertEquals("ahead", rowOf(noon, bob).getString("pace"));
        assertEquals("behind", rowOf(noon, cal).getString("pace"));

        TestClock.pin(Instant.parse("2026-06-17T20:00:00Z"));
        JsonArray evening = progress(ann.token(), group);
        assertEquals(3000, rowOf(evening, bob).getJsonNumber("expected_seconds").longValue());
        assertEquals("done", rowOf(evening, ann).getString("pace"));
        assertEquals("behind", rowOf(evening, bob).getString("pace"));
        assertEquals("out_of_reach", rowOf(evening, cal).getString("pace"));
    }

    /**
     * ann met the 30-minute target on the 18th and 19th: today, still unmet, does not break her
     * streak of 2, and meeting it makes 3. bob met the same days but joined during the 19th (his
     * membership backdated in SQL: the API records joining at the real time), so the 18th does
     * not count for him.
     */
    @Test
    void everyRowCarriesTheMembersStreak() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 30), ann, bob);
        Db.update("update group_members set created_at = ? where group_id = ? and user_id = ?",
                Fixtures.WIDE_START, group, ann.id());
        Db.update("update group_members set created_at = ? where group_id = ? and user_id = ?",
                Instant.parse("2026-06-19T12:00:00Z"), group, bob.id());
        Instant t0 = Instant.parse("2026-06-18T08:00:00Z");
        TestClock.pin(t0);
        UUID session = readyForLogs(group, ann, bob);
        TestClock.pin(Instant.parse("2026-06-20T12:00:00Z"));
        for (TestUser who : List.of(ann, bob)) {
            logged(who.token(), session, Instant.parse("2026-06-18T09:00:00Z"), Instant.parse("2026-06-18T09:30:00Z"));
            logged(who.token(), session, Instant.parse("2026-06-19T09:00:00Z"), Instant.parse("2026-06-19T09:30:00Z"));
        }

        JsonArray rows = progress(ann.token(), group);
        assertEquals(2, rowOf(rows, ann).getInt("streak"));
        assertEquals(1, rowOf(rows, bob).getInt("streak"), "the 18th ended before bob joined");

        logged(ann.token(), session, Instant.parse("2026-06-20T09:00:00Z"), Instant.parse("2026-06-20T09:30:00Z"));
        assertEquals(3, rowOf(progress(ann.token(), group), ann).getInt("streak"));
    }

    // ------------------------------------------------------------------------------ milestones

    @Test
    void milestonesAreWrittenWhenAChangeCrossesTheTargetAndOnlyOnce() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 10), ann, bob);
        Instant t0 = Instant.parse("2026-06-13T08:00:00Z");
        TestClock.pin(t0);
        UUID session = inGroup(ann.token(), group);
        ok(bob.token(), session, "join");
        ok(ann.token(), session, "start");
        TestClock.pin(t0.plusSeconds(5 * 60));
        ok(bob.token(), session, "leave"); // 5 minutes: nobody there yet
        assertEquals(0, Db.count("select count(*) from notifications where group_id = ?", group));

        TestClock.pin(t0.plusSeconds(11 * 60));
        ok(ann.token(), session, "pause"); // ann crosses
        assertEquals(1, milestones(group, "milestone_member", ann.id()));
        assertEquals(0, milestones(group, "milestone_member", bob.id()));
        assertEquals(0, Db.count("select count(*) from notifications where group_id = ? and kind = 'milestone_group'", group));

        logged(bob.token(), session, t0.plusSeconds(5 * 60), t0.plusSeconds(11 * 60)); // bob crosses: everyone has
        assertEquals(1, milestones(group, "milestone_member", bob.id()));
        assertEquals(1, milestones(group, "milestone_group", ann.id()));
        assertEquals(1, milestones(group, "milestone_group", bob.id()));

        ok(ann.token(), session, "resume");
        TestClock.pin(t0.plusSeconds(20 * 60));
        ok(ann.token(), session, "stop");
        progress(ann.token(), group);
        assertEquals(4, Db.count("select count(*) from notifications where group_id = ?", group), "once per period");
        List<Object> milestone = Db.rows("""
                select title, body, period_start, status from notifications
                where group_id = ? and kind = 'milestone_member' and recipient_id = ?""", group, ann.id()).get(0);
        assertEquals(Instant.parse("2026-06-13T00:00:00Z"), milestone.get(2), "the period it belongs to");
        assertEquals("unread", milestone.get(3));

        TestClock.pin(Instant.parse("2026-06-14T09:00:00Z")); // the next period starts from zero
        UUID tomorrow = readyForLogs(group, ann);
        TestClock.pin(Instant.parse("2026-06-14T10:00:00Z"));
        logged(ann.token(), tomorrow, Instant.parse("2026-06-14T09:00:00Z"), Instant.parse("2026-06-14T09:10:00Z"));
        assertEquals(2, milestones(group, "milestone_member", ann.id()));
    }

    /** No write happens while an open log crosses the target: reading the race view awards it. */
    @Test
    void anOpenLogCrossingTheTargetIsAwardedWhenTheRaceViewIsRead() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 10), ann);
        Instant t0 = Instant.parse("2026-06-15T08:00:00Z");
        TestClock.pin(t0);
        UUID session = inGroup(ann.token(), group);
        ok(ann.token(), session, "start");
        TestClock.pin(t0.plusSeconds(9 * 60));
        assertFalse(rowOf(progress(ann.token(), group), ann).getBoolean("goal_met"));
        assertEquals(0, milestones(group, "milestone_member", ann.id()));
        TestClock.pin(t0.plusSeconds(10 * 60));
        assertTrue(rowOf(progress(ann.token(), group), ann).getBoolean("goal_met"));
        progress(ann.token(), group);
        assertEquals(1, milestones(group, "milestone_member", ann.id()));
        assertEquals(1, milestones(group, "milestone_group", ann.id()), "ann is the whole group");
    }

    /**
     * Ten logs posted at once, none of which reaches the 60-minute target alone: each transaction
     * sees only its own log and those committed before it, yet exactly one milestone is written.
     */
    @Test
    void tenConcurrentLogPostsCrossingTheTargetWriteExactlyOneMilestone() throws Exception {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), ann, bob);
        Instant t0 = Instant.parse("2026-06-16T08:00:00Z");
        TestClock.pin(t0);
        UUID session = readyForLogs(group, ann, bob);
        TestClock.pin(t0.plusSeconds(4 * 3600));
        logged(bob.token(), session, t0, t0.plusSeconds(3600));
        assertEquals(1, milestones(group, "milestone_member", bob.id()));

        List<Supplier<Api.Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant start = t0.plusSeconds(i * 10 * 60L);
            posts.add(() -> SessionCalls.log(ann.token(), session, start, start.plusSeconds(10 * 60)));
        }
        @SuppressWarnings("unchecked")
        List<Api.Reply> replies = SessionCalls.simultaneously(posts.toArray(Supplier[]::new));
        replies.forEach(reply -> expect(201, reply));
        assertEquals(6000, rowOf(progress(ann.token(), group), ann).getJsonNumber("seconds_done").longValue());
        assertEquals(1, milestones(group, "milestone_member", ann.id()));
        assertEquals(1, milestones(group, "milestone_group", ann.id()));
        assertEquals(1, milestones(group, "milestone_group", bob.id()));
    }

    // ------------------------------------------------------------------------------ helpers

    /**
     * A session of the group hosted by the first person, everyone joined, started and paused at
     * the pinned instant: from then on each of them may add manual logs up to now.
     */
    private static UUID readyForLogs(UUID group, TestUser host, TestUser... others) {
        UUID session = inGroup(host.token(), group);
        for (TestUser other : others) {
            ok(other.token(), session, "join");
        }
        ok(host.token(), session, "start");
        ok(host.token(), session, "pause");
        return session;
    }

    // ------------------------------------------------------------------------------ from memory

    /**
     * The race view is served from a snapshot in server memory (RaceViews): a change made in SQL
     * alone, announced by nobody, stays unseen; the notification every change sends (here sent by
     * hand, pg_notify on channel lockin) makes the next read see it. A member removed through the
     * API is refused at once (the removal's own commit drops the snapshot on this server).
     */
    @Test
    void theCachedRaceFollowsTheNotificationsAndMembershipAtOnce() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 30), ann, bob);
        assertEquals(30, rowOf(progress(bob.token(), group), ann).getInt("target_minutes"));

        Db.update("update group_members set override_period_target_minutes = 45 where group_id = ? and user_id = ?",
                group, ann.id());
        assertEquals(30, rowOf(progress(bob.token(), group), ann).getInt("target_minutes"),
                "unannounced, the change is not seen: the answer comes from memory");
        Db.rows("select 1 from pg_notify('lockin', ?)", "{\"k\":\"progress\",\"g\":\"" + group + "\"}");
        eventually(() -> rowOf(progress(bob.token(), group), ann).getInt("target_minutes") == 45,
                "the notification drops the snapshot");

        Fixtures.removeMember(ann, group, bob);
        Fixtures.assertProblem(Api.get("/api/groups/" + group + "/progress/current", bob.token()), 404, "not_found");
        assertEquals(List.of(ann.id()), userIds(progress(ann.token(), group)));
    }

    /** Polls for up to 5 s (a notification takes milliseconds to come back). */
    static void eventually(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static JsonArray progress(String token, UUID group) {
        return expect(200, Api.get("/api/groups/" + group + "/progress/current", token)).array();
    }

    private static JsonObject rowOf(JsonArray rows, TestUser person) {
        return rows.stream().map(v -> v.asJsonObject()).filter(r -> r.getString("user_id").equals(person.id().toString()))
                .findFirst().orElseThrow(() -> new AssertionError(person + " not in " + rows));
    }

    private static List<UUID> userIds(JsonArray rows) {
        return rows.stream().map(v -> UUID.fromString(v.asJsonObject().getString("user_id"))).toList();
    }

    private static long milestones(UUID group, String kind, UUID recipient) {
        return Db.count("select count(*) from notifications where group_id = ? and kind = ? and recipient_id = ?",
                group, kind, recipient);
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(NEW_YORK)).toInstant();
    }
}
