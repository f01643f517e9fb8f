package app.lockin.persistence.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static app.lockin.persistence.session.SessionStatus.CREATED;
import static app.lockin.persistence.session.SessionStatus.PAUSED;
import static app.lockin.persistence.session.SessionStatus.RUNNING;
import static app.lockin.persistence.session.SessionStatus.STOPPED;
import static app.lockin.persistence.session.SessionTransition.PAUSE;
import static app.lockin.persistence.session.SessionTransition.RESUME;
import static app.lockin.persistence.session.SessionTransition.START;
import static app.lockin.persistence.session.SessionTransition.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The session's state machine and its account of running time (SPEC §7 focused_seconds). */
class FocusSessionTest {

    static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

    final FocusSession session = new FocusSession(null, UUID.randomUUID());

    @Test
    void aSessionNeverStartedHasNoRunningTime() {
        assertEquals(Duration.ZERO, session.runningTimeUpTo(T0));
        session.apply(STOP, T0.plusSeconds(60));
        assertEquals(Duration.ZERO, session.runningTimeUpTo(T0.plusSeconds(120)));
    }

    @Test
    void runningTimeCountsTheRunningIntervalsOnly() {
        session.apply(START, T0);
        assertEquals(Duration.ofSeconds(90), session.runningTimeUpTo(T0.plusSeconds(90)));
        session.apply(PAUSE, T0.plusSeconds(100));
        assertEquals(Duration.ofSeconds(100), session.runningTimeUpTo(T0.plusSeconds(500)), "paused: it stands still");
        session.apply(RESUME, T0.plusSeconds(600));
        assertEquals(Duration.ofSeconds(130), session.runningTimeUpTo(T0.plusSeconds(630)));
        session.apply(STOP, T0.plusSeconds(700));
        assertEquals(Duration.ofSeconds(200), session.runningTimeUpTo(T0.plusSeconds(9000)));
    }

    @Test
    void stoppingAPausedSessionAddsNothing() {
        session.apply(START, T0);
        session.apply(PAUSE, T0.plusSeconds(10));
        session.apply(STOP, T0.plusSeconds(100));
        assertEquals(Duration.ofSeconds(10), session.runningTimeUpTo(T0.plusSeconds(100)));
    }

    @Test
    void microsecondsAreKept() {
        session.apply(START, T0);
        session.apply(PAUSE, T0.plusNanos(1_500_999));
        assertEquals(Duration.ofNanos(1_500_000), session.runningTimeUpTo(T0));
    }

    /** SPEC §7, written out: created -&gt; running -&gt; paused -&gt; running, and stop from all but stopped. */
    @Test
    void theTableIsTheSpecs() {
        Map<SessionTransition, Set<SessionStatus>> from = Map.of(
                START, EnumSet.of(CREATED),
                PAUSE, EnumSet.of(RUNNING),
                RESUME, EnumSet.of(PAUSED),
                STOP, EnumSet.of(CREATED, RUNNING, PAUSED));
        Map<SessionTransition, SessionStatus> to = Map.of(START, RUNNING, PAUSE, PAUSED, RESUME, RUNNING, STOP, STOPPED);
        for (SessionTransition transition : SessionTransition.values()) {
            assertEquals(to.get(transition), transition.to(), transition::name);
            assertEquals(to.get(transition) == RUNNING, transition.startsRunning(), transition::name);
            for (SessionStatus status : SessionStatus.values()) {
                assertEquals(from.get(transition).contains(status), transition.allowedFrom(status),
                        () -> transition + " from " + status);
            }
        }
    }

    @Test
    void startSetsStartedAtOnceAndStopSetsEndedAt() {
        session.apply(START, T0);
        session.apply(PAUSE, T0.plusSeconds(10));
        session.apply(RESUME, T0.plusSeconds(20));
        assertEquals(T0, session.getStartedAt(), "resuming keeps the first start");
        assertEquals(T0.plusSeconds(20), session.getRunningSince());
        assertNull(session.getEndedAt());
        session.apply(STOP, T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(30), session.getEndedAt());
        assertNull(session.getRunningSince());
        assertNotNull(session.getStartedAt());
    }

    @Test
    void theTransitionsAreThoseOfTheSpec() {
        assertThrows(IllegalStateException.class, () -> session.apply(PAUSE, T0));
        assertThrows(IllegalStateException.class, () -> session.apply(RESUME, T0));
        session.apply(START, T0);
        assertThrows(IllegalStateException.class, () -> session.apply(START, T0));
        assertThrows(IllegalStateException.class, () -> session.apply(RESUME, T0));
        session.apply(PAUSE, T0);
        assertThrows(IllegalStateException.class, () -> session.apply(PAUSE, T0));
        assertThrows(IllegalStateException.class, () -> session.apply(START, T0), "a paused session resumes, never restarts");
        session.apply(STOP, T0);
        assertThrows(IllegalStateException.class, () -> session.apply(STOP, T0));
        assertThrows(IllegalStateException.class, () -> session.apply(START, T0));
    }
}
