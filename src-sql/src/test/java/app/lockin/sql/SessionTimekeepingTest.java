package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
