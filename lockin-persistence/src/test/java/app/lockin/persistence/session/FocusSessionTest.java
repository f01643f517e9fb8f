package app.lockin.persistence.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The session's state machine and its account of running time (SPEC §7 focused_seconds). */
class FocusSessionTest {

    static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

    final FocusSession session = new FocusSession(null, UUID.randomUUID());

    @Test
    void aSessionNeverStartedHasNoRunningTime() {
        assertEquals(Duration.ZERO, session.runningTimeUpTo(T0));
        session.stop(T0.plusSeconds(60));
        assertEquals(Duration.ZERO, session.runningTimeUpTo(T0.plusSeconds(120)));
    }

    @Test
    void runningTimeCountsTheRunningIntervalsOnly() {
        session.start(T0);
        assertEquals(Duration.ofSeconds(90), session.runningTimeUpTo(T0.plusSeconds(90)));
        session.pause(T0.plusSeconds(100));
        assertEquals(Duration.ofSeconds(100), session.runningTimeUpTo(T0.plusSeconds(500)), "paused: it stands still");
        session.resume(T0.plusSeconds(600));
        assertEquals(Duration.ofSeconds(130), session.runningTimeUpTo(T0.plusSeconds(630)));
        session.stop(T0.plusSeconds(700));
        assertEquals(Duration.ofSeconds(200), session.runningTimeUpTo(T0.plusSeconds(9000)));
    }

    @Test
    void stoppingAPausedSessionAddsNothing() {
        session.start(T0);
        session.pause(T0.plusSeconds(10));
        session.stop(T0.plusSeconds(100));
        assertEquals(Duration.ofSeconds(10), session.runningTimeUpTo(T0.plusSeconds(100)));
    }

    @Test
    void microsecondsAreKept() {
        session.start(T0);
        session.pause(T0.plusNanos(1_500_999));
        assertEquals(Duration.ofNanos(1_500_000), session.runningTimeUpTo(T0));
    }

    @Test
    void theTransitionsAreThoseOfTheSpec() {
        assertThrows(IllegalStateException.class, () -> session.pause(T0));
        assertThrows(IllegalStateException.class, () -> session.resume(T0));
        session.start(T0);
        assertThrows(IllegalStateException.class, () -> session.start(T0));
        assertThrows(IllegalStateException.class, () -> session.resume(T0));
        session.pause(T0);
        assertThrows(IllegalStateException.class, () -> session.pause(T0));
        assertThrows(IllegalStateException.class, () -> session.start(T0), "a paused session resumes, never restarts");
        session.stop(T0);
        assertThrows(IllegalStateException.class, () -> session.stop(T0));
        assertThrows(IllegalStateException.class, () -> session.start(T0));
    }
}
