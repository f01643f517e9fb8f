package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V5: a session's own account of its running time, and the clock hook as the tables' default. */
class SessionTimekeepingTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    static final Instant NINE = at("2026-05-04T09:00:00Z");

    final UUID host = db.profile();




    @Test
    void runningSinceIsSetExactlyWhileRunning() {
        UUID session = db.runningSession(null, host, NINE);
        assertRejected(CHECK_VIOLATION, "sessions_timekeeping_running",
                () -> db.update("update sessions set running_since = null where id = ?", session));
        assertRejected(CHECK_VIOLATION, "sessions_timekeeping_running",
                () -> db.update("update sessions set status = 'paused' where id = ?", session));
        db.update("update sessions set status = 'paused', running_since = null where id = ?", session);
    }

    @Test
    void theCurrentIntervalStartsNoEarlierThanTheSession() {
        UUID session = db.runningSession(null, host, NINE);
        assertRejected(CHECK_VIOLATION, "sessions_timekeeping_since_start",
                () -> db.update("update sessions set running_since = ? where id = ?", NINE.minusSeconds(1), session));
    }

    @Test
    void theClosedRunningTimeIsNeverNegative() {
        UUID session = db.createdSession(null, host);
        assertRejected(CHECK_VIOLATION, "sessions_timekeeping_micros",
                () -> db.update("update sessions set closed_run_micros = -1 where id = ?", session));
    }

    @Test
    void aStatusWithoutItsTimestampsStillReportsThatFirst() {
        UUID session = db.createdSession(null, host);
        assertRejected(CHECK_VIOLATION, "sessions_status_timestamps",
                () -> db.update("update sessions set status = 'running' where id = ?", session));
    }

    @Test
    void sessionsParticipationsAndLogsAreCreatedAtTheHookedNow() {
        db.setNow(NINE.plusSeconds(600));
        UUID session = db.runningSession(null, host, NINE);
        UUID participant = db.participant(session, host);
        UUID log = db.log(participant, NINE, NINE.plusSeconds(60));
        assertEquals(NINE.plusSeconds(600), db.queryOne("select created_at from sessions where id = ?", session));
        assertEquals(NINE.plusSeconds(600), db.queryOne("select joined_at from session_participants where id = ?", participant));
        assertEquals(NINE.plusSeconds(600), db.queryOne("select created_at from time_logs where id = ?", log));
    }

    /**
     * V12: a pause or stop closes its session's open logs (FocusTime; stop_session_at) through an
     * index of open logs by session, not by reading every open log of everybody focusing anywhere
     * (the only other index of open logs is by person).
     */
    @Test
    void aSessionsOpenLogsAreFoundUnderTheSession() {
        db.setNow(NINE.plusSeconds(600));
        UUID mine = focusingSince(host, NINE);
        for (int i = 0; i < 199; i++) {
            focusingSince(db.profile(), NINE);
        }
        db.update("analyze time_logs");
        String plan = db.planWithoutSeqScan("select id from time_logs where session_id = ? and ended_at is null", mine);
        assertTrue(plan.contains("time_logs_open_by_session_idx"), plan);
        assertEquals(1L, (long) db.queryOne("select count(*) from time_logs where session_id = ? and ended_at is null", mine));
    }

    /** A running personal session of {@code person} with its open log; the session. */
    private static UUID focusingSince(UUID person, Instant start) {
        UUID session = db.runningSession(null, person, start);
        db.log(db.participant(session, person), start, null);
        return session;
    }
}
