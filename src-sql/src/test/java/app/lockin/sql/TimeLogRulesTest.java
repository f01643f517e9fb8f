package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.EXCLUSION_VIOLATION;
import static app.lockin.sql.SqlFixture.FOREIGN_KEY_VIOLATION;
import static app.lockin.sql.SqlFixture.UNIQUE_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The time-log rules (SPEC §3, §7): a log lies inside its session, ends after it starts, and a
 * person never focuses twice at once.
 */
class TimeLogRulesTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    static final Instant NINE = at("2026-05-04T09:00:00Z");
    static final Instant TEN = at("2026-05-04T10:00:00Z");
    static final Instant ELEVEN = at("2026-05-04T11:00:00Z");
    static final Instant NOON = at("2026-05-04T12:00:00Z");

    final UUID ann = db.profile();




    // ------------------------------------------------------------------------- denormalisation

    @Test
    void theOwnerColumnsAreFilledFromTheParticipation() {
        UUID group = db.group(ann);
        UUID session = db.stoppedSession(group, ann, NINE, NOON);
        UUID log = db.log(db.participant(session, ann), TEN, ELEVEN);
        Object[] row = db.query("select user_id, session_id, group_id from time_logs where id = ?", log).get(0);
        assertArrayEquals(new Object[] {ann, session, group}, row);
    }

    @Test
    void theOwnerColumnsIgnoreWhatTheInsertSays() {
        UUID session = db.stoppedSession(null, ann, NINE, NOON);
        UUID participant = db.participant(session, ann);
        UUID log = db.queryOne("""
                insert into time_logs (participant_id, user_id, session_id, group_id, started_at, ended_at)
                values (?, ?, ?, ?, ?, ?) returning id""", participant, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), TEN, ELEVEN);
        Object[] row = db.query("select user_id, session_id, group_id from time_logs where id = ?", log).get(0);
        assertArrayEquals(new Object[] {ann, session, null}, row);
    }

    @Test
    void theOwnerColumnsNeverChange() {
        UUID log = db.focused(null, ann, TEN, ELEVEN);
        assertRejected(CHECK_VIOLATION, "time_logs_user_id_immutable",
                () -> db.update("update time_logs set user_id = ? where id = ?", db.profile(), log));
        assertRejected(CHECK_VIOLATION, "time_logs_participant_id_immutable",
                () -> db.update("update time_logs set participant_id = ? where id = ?", UUID.randomUUID(), log));
    }

    @Test
    void anUnknownParticipantIsAForeignKeyViolation() {
        assertRejected(FOREIGN_KEY_VIOLATION, "time_logs_participant_id_fkey",
                () -> db.log(UUID.randomUUID(), TEN, ELEVEN));
    }

    // ------------------------------------------------------------------------- within session

    @Test
    void aLogInsideAStoppedSessionIsAccepted() {
        UUID participant = db.participant(db.stoppedSession(null, ann, NINE, NOON), ann);
        db.log(participant, NINE, TEN);   // touching the start
        db.log(participant, ELEVEN, NOON); // touching the end
    }

    @Test
    void aSessionNeverStartedTakesNoLog() {
        UUID participant = db.participant(db.createdSession(null, ann), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, TEN, ELEVEN));
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, TEN, null));
    }

    @Test
    void aLogStartingBeforeItsSessionIsRefused() {
        UUID participant = db.participant(db.stoppedSession(null, ann, TEN, NOON), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, NINE, ELEVEN));
    }

    @Test
    void aLogEndingAfterItsStoppedSessionIsRefused() {
        UUID participant = db.participant(db.stoppedSession(null, ann, NINE, ELEVEN), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, TEN, NOON));
    }

    @Test
    void aStoppedSessionTakesNoOpenLog() {
        UUID participant = db.participant(db.stoppedSession(null, ann, NINE, NOON), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, TEN, null));
    }

    @Test
    void aRunningSessionEndsNow() {
        db.setNow(ELEVEN);
        UUID participant = db.participant(db.runningSession(null, ann, NINE), ann);
        db.log(participant, NINE, TEN);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, TEN, NOON));
    }

    @Test
    void anOpenLogMustStartInsideARunningSession() {
        db.setNow(ELEVEN);
        UUID participant = db.participant(db.runningSession(null, ann, TEN), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, NINE, null));
        assertRejected(CHECK_VIOLATION, "time_logs_within_session", () -> db.log(participant, NOON, null));
        db.log(participant, TEN, null);
    }

    @Test
    void closingAnOpenLogIsCheckedToo() {
        db.setNow(ELEVEN);
        UUID participant = db.participant(db.runningSession(null, ann, NINE), ann);
        UUID log = db.log(participant, NINE, null);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session",
                () -> db.update("update time_logs set ended_at = ? where id = ?", NOON, log));
        db.update("update time_logs set ended_at = ? where id = ?", TEN, log);
    }

    @Test
    void aSessionCannotEndBeforeItsLogs() {
        db.setNow(NOON);
        UUID session = db.runningSession(null, ann, NINE);
        db.log(db.participant(session, ann), TEN, ELEVEN);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session",
                () -> db.update("update sessions set status = 'stopped', ended_at = ?, running_since = null where id = ?", TEN, session));
    }

    @Test
    void stoppingASessionAndClosingItsLogsMayHappenInEitherOrder() throws SQLException {
        db.setNow(NOON);
        UUID session = db.runningSession(null, ann, NINE);
        UUID log = db.log(db.participant(session, ann), TEN, null);
        inTransaction(() -> {
            // the session first, as Hibernate may flush it: the check waits for the commit
            db.update("update sessions set status = 'stopped', ended_at = ?, running_since = null where id = ?", ELEVEN, session);
            db.update("update time_logs set ended_at = ? where id = ?", ELEVEN, log);
        });
        assertEquals("stopped", db.queryOne("select status from sessions where id = ?", session));
    }

    @Test
    void aSessionCannotStopWithALogLeftOpen() {
        db.setNow(NOON);
        UUID session = db.runningSession(null, ann, NINE);
        db.log(db.participant(session, ann), TEN, null);
        assertRejected(CHECK_VIOLATION, "time_logs_within_session",
                () -> db.update("update sessions set status = 'stopped', ended_at = ?, running_since = null where id = ?", ELEVEN, session));
    }

    // ------------------------------------------------------------------------- shape and overlap

    @Test
    void aLogEndsAfterItStarts() {
        UUID participant = db.participant(db.stoppedSession(null, ann, NINE, NOON), ann);
        assertRejected(CHECK_VIOLATION, "time_logs_ended_after_started", () -> db.log(participant, ELEVEN, TEN));
        assertRejected(CHECK_VIOLATION, "time_logs_ended_after_started", () -> db.log(participant, TEN, TEN));
    }

    @Test
    void logsOfOnePersonNeverOverlapAcrossSessions() {
        db.focused(null, ann, NINE, ELEVEN);
        UUID otherSession = db.participant(db.stoppedSession(db.group(ann), ann, NINE, NOON), ann);
        assertRejected(EXCLUSION_VIOLATION, "time_logs_no_overlap", () -> db.log(otherSession, TEN, NOON));
        db.log(otherSession, ELEVEN, NOON); // touching is not overlapping
    }

    @Test
    void logsOfOnePersonNeverOverlapInOneSession() {
        UUID participant = db.participant(db.stoppedSession(null, ann, NINE, NOON), ann);
        db.log(participant, NINE, ELEVEN);
        assertRejected(EXCLUSION_VIOLATION, "time_logs_no_overlap", () -> db.log(participant, TEN, NOON));
    }

    @Test
    void twoPeopleMayFocusAtTheSameTime() {
        UUID session = db.stoppedSession(null, ann, NINE, NOON);
        UUID bob = db.profile();
        db.log(db.participant(session, ann), NINE, NOON);
        db.log(db.participant(session, bob), NINE, NOON);
    }

    @Test
    void anOpenLogRunsToInfinity() {
        db.setNow(NOON);
        db.log(db.participant(db.runningSession(null, ann, NINE), ann), TEN, null);
        UUID later = db.participant(db.runningSession(db.group(ann), ann, NINE), ann);
        // a closed log after the open one's start overlaps it
        assertRejected(EXCLUSION_VIOLATION, "time_logs_no_overlap", () -> db.log(later, ELEVEN, NOON));
        // before it, fine
        db.log(later, NINE, TEN);
    }

    @Test
    void onePersonHasOneOpenLog() {
        db.setNow(NOON);
        db.log(db.participant(db.runningSession(null, ann, NINE), ann), TEN, null);
        UUID elsewhere = db.participant(db.runningSession(null, ann, NINE), ann);
        // reported as the precise rule (already_focusing), not as a general overlap
        assertRejected(UNIQUE_VIOLATION, "time_logs_one_open_per_user", () -> db.log(elsewhere, ELEVEN, null));
        assertRejected(UNIQUE_VIOLATION, "time_logs_one_open_per_user", () -> db.log(elsewhere, NINE, null));
    }

    private static void inTransaction(Runnable work) throws SQLException {
        Connection c = db.connection();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (RuntimeException | Error e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
