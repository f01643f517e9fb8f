package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.UNIQUE_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §15 forgotten sessions, the rule itself (V10_1 {@code stop_forgotten_sessions}): a run
 * longer than the limit is stopped as of the limit, its logs end then, the host gets exactly one
 * reminder; nothing else is touched.
 */
class ForgottenSessionsTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    private static final String SWEEP = "select * from stop_forgotten_sessions(interval 'PT12H', ?, 'Stopped', 'It ran too long')";
    private static final Instant MIDNIGHT = at("2026-05-04T00:00:00Z");
    private static final Instant LIMIT = MIDNIGHT.plusSeconds(12 * 3600);

    @Test
    void aRunLongerThanTheLimitStopsAtTheLimitWithOneReminder() {
        UUID host = db.profile();
        UUID guest = db.profile();
        UUID group = db.group(host);
        db.member(group, guest, "member");
        db.setNow(MIDNIGHT);
        UUID session = hosted(group, host, MIDNIGHT);
        UUID hostLog = db.log(participation(session, host), MIDNIGHT, null);
        db.setNow(MIDNIGHT.plusSeconds(3600));
        UUID guestLog = db.log(joined(session, guest, MIDNIGHT.plusSeconds(3600)), MIDNIGHT.plusSeconds(3600), null);

        db.setNow(LIMIT.plusSeconds(1800));
        List<Object[]> stopped = sweep(LIMIT.plusSeconds(1800));
        assertEquals(1, stopped.stream().filter(r -> r[0].equals(session)).count());
        Object[] row = stopped.stream().filter(r -> r[0].equals(session)).findFirst().orElseThrow();
        assertEquals(group, row[1]);
        assertEquals(host, row[2]);
        assertNotNull(row[3], "the reminder");
        assertEquals(LIMIT, row[4]);

        Object[] s = db.query("select status, ended_at, running_since, closed_run_micros from sessions where id = ?", session).get(0);
        assertEquals("stopped", s[0]);
        assertEquals(LIMIT, s[1], "stopped as of the limit, not when noticed");
        assertNull(s[2]);
        assertEquals(12 * 3600 * 1_000_000L, s[3]);
        assertEquals(LIMIT, db.queryOne("select ended_at from time_logs where id = ?", hostLog));
        assertEquals(LIMIT, db.queryOne("select ended_at from time_logs where id = ?", guestLog));

        Object[] reminder = db.query("""
                select recipient_id, kind, status, title, body, group_id, session_id from notifications where id = ?""",
                row[3]).get(0);
        assertEquals(List.of(host, "session_reminder", "unread", "Stopped", "It ran too long", group, session), java.util.Arrays.asList(reminder));

        db.setNow(LIMIT.plusSeconds(3600));
        assertTrue(sweep(LIMIT.plusSeconds(3600)).stream().noneMatch(r -> r[0].equals(session)), "a second sweep stops nothing");
        assertEquals(1L, (long) db.queryOne(
                "select count(*) from notifications where session_id = ? and kind = 'session_reminder'", session));
    }

    @Test
    void theLimitCountsFromTheLastStartOrResume() {
        UUID host = db.profile();
        db.setNow(MIDNIGHT);
        UUID resumed = hosted(null, host, MIDNIGHT);
        // ran 10 hours, paused, resumed at 11:00: at 22:30 its current run is 11.5 hours
        db.update("update sessions set running_since = ?, closed_run_micros = ? where id = ?",
                MIDNIGHT.plusSeconds(11 * 3600), 10 * 3600 * 1_000_000L, resumed);
        Instant at = MIDNIGHT.plusSeconds(22 * 3600 + 1800);
        db.setNow(at);
        assertTrue(sweep(at).stream().noneMatch(r -> r[0].equals(resumed)));
        assertEquals("running", db.queryOne("select status from sessions where id = ?", resumed));

        Instant later = MIDNIGHT.plusSeconds(23 * 3600 + 1);
        db.setNow(later);
        assertTrue(sweep(later).stream().anyMatch(r -> r[0].equals(resumed)));
        Object[] s = db.query("select ended_at, closed_run_micros from sessions where id = ?", resumed).get(0);
        assertEquals(MIDNIGHT.plusSeconds(23 * 3600), s[0]);
        assertEquals(22 * 3600 * 1_000_000L, s[1], "focused time, the sum of all runs, may exceed the limit");
    }

    @Test
    void pausedCreatedStoppedAndYoungSessionsAreLeftAlone() {
        UUID host = db.profile();
        db.setNow(MIDNIGHT);
        UUID young = hosted(null, host, LIMIT.minusSeconds(60));
        UUID created = db.createdSession(null, host);
        UUID paused = hosted(null, db.profile(), MIDNIGHT);
        db.update("update sessions set status = 'paused', running_since = null where id = ?", paused);
        UUID stopped = db.stoppedSession(null, host, MIDNIGHT, MIDNIGHT.plusSeconds(60));
        db.setNow(LIMIT);
        String before = states(young, created, paused, stopped);
        assertTrue(sweep(LIMIT).stream().noneMatch(r -> List.of(young, created, paused, stopped).contains(r[0])));
        assertEquals(before, states(young, created, paused, stopped));
    }

    @Test
    void exactlyAtTheLimitTheSessionStops() {
        UUID host = db.profile();
        db.setNow(MIDNIGHT);
        UUID session = hosted(null, host, MIDNIGHT);
        db.setNow(LIMIT);
        assertTrue(sweep(LIMIT).stream().anyMatch(r -> r[0].equals(session)));
    }

    @Test
    void oneReminderPerSessionIsARuleOfTheData() {
        UUID host = db.profile();
        db.setNow(MIDNIGHT);
        UUID session = hosted(null, host, MIDNIGHT);
        String insert = "insert into notifications (recipient_id, kind, title, session_id) values (?, 'session_reminder', 'x', ?)";
        db.update(insert, host, session);
        assertRejected(UNIQUE_VIOLATION, "notifications_one_reminder_per_session", () -> db.update(insert, host, session));
        assertRejected(CHECK_VIOLATION, "notifications_reminder_has_session",
                () -> db.update("insert into notifications (recipient_id, kind, title) values (?, 'session_reminder', 'x')", host));
        // a sweep meeting an existing reminder stops the session and adds none
        db.setNow(LIMIT);
        Object[] row = sweep(LIMIT).stream().filter(r -> r[0].equals(session)).findFirst().orElseThrow();
        assertNull(row[3]);
        assertEquals(1L, (long) db.queryOne("select count(*) from notifications where session_id = ?", session));
    }

    @Test
    void theSweepReadsOnlyRunningSessionsThroughItsIndex() {
        // many sessions running that are not due (started now, by the real clock the query reads):
        // the sweep's range of run starts must be the index search, not a scan of everything
        // running (V12's index of running sessions by group holds the same rows, in the wrong order)
        Instant now = Instant.now();
        for (int i = 0; i < 200; i++) {
            db.runningSession(null, db.profile(), now);
        }
        db.update("analyze sessions");
        String plan = db.planWithoutSeqScan(
                "select id from sessions where status = 'running' and running_since <= now() - interval '12 hours'");
        assertTrue(plan.contains("Index Cond: (running_since <="), plan);
        assertTrue(plan.contains("sessions_running_since_idx"), plan);
    }

    // ------------------------------------------------------------------------------ rows

    private static List<Object[]> sweep(Instant at) {
        return db.query(SWEEP, at);
    }

    /** A session running since {@code at}, {@code host} its creator and host participant. */
    private static UUID hosted(UUID group, UUID host, Instant at) {
        UUID session = db.runningSession(group, host, at);
        db.update("insert into session_participants (session_id, user_id, role, joined_at) values (?, ?, 'host', ?)",
                session, host, at);
        return session;
    }

    private static UUID participation(UUID session, UUID user) {
        return db.queryOne("select id from session_participants where session_id = ? and user_id = ?", session, user);
    }

    private static UUID joined(UUID session, UUID user, Instant at) {
        return db.queryOne("""
                insert into session_participants (session_id, user_id, role, joined_at) values (?, ?, 'participant', ?)
                returning id""", session, user, at);
    }

    private static String states(UUID... sessions) {
        StringBuilder all = new StringBuilder();
        for (UUID s : sessions) {
            all.append(java.util.Arrays.asList(db.query("select status, started_at, ended_at, running_since, closed_run_micros from sessions where id = ?", s).get(0)));
        }
        return all.toString();
    }
}
