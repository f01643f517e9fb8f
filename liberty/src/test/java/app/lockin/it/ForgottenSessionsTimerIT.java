package app.lockin.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §15: the timer stops a forgotten session and delivers the host's reminder with nobody
 * reading the session. The timer ticks every second for this class. The clock is pinned past the
 * limit without {@link TestClock#pin} (whose probe reads a session, which would stop it lazily),
 * and nothing reads sessions afterwards: only the host's inbox stream is open (a group stream's
 * pushes read the race view, which also stops sessions), so only the timer can have acted.
 */
@ExtendWith(ArquillianExtension.class)
class ForgottenSessionsTimerIT {

    private static final Duration SOON = Duration.ofSeconds(15);
    private static final Instant T0 = Instant.parse("2026-08-03T20:00:00Z");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        TestEnvironment.setServerVariable("LOCKIN_SESSION_SWEEP_SCHEDULE", "*/1 * *"); // read at start
        return Deployments.ear();
    }

    @AfterAll
    static void timerOffAgain() {
        TestEnvironment.setServerVariable("LOCKIN_SESSION_SWEEP_SCHEDULE", "off");
    }

    @Test
    void theTimerStopsTheSessionAtItsLimitAndTellsTheHost() {
        TestUser ann = TestUser.named("Ann Asleep");
        try (EventStream inbox = EventStream.open("/api/me/events", ann.token())) {
            assertEquals("inbox", inbox.next(SOON).name());
            TestClock.pin(T0);
            UUID session = personal(ann.token());
            ok(ann.token(), session, "start");

            TestEnvironment.setServerVariable("LOCKIN_FIXED_CLOCK", T0.plus(Duration.ofHours(12)).plusSeconds(1).toString());
            JsonObject reminder = inbox.next("notification", SOON).json().asJsonObject();
            assertEquals("session_reminder", reminder.getString("kind"));
            assertTrue(reminder.getString("body").contains("12 hours"), reminder::toString);
            assertEquals("stopped", Db.value("select status from sessions where id = ?", session));
            assertEquals(T0.plus(Duration.ofHours(12)), Db.value("select ended_at from sessions where id = ?", session),
                    "stopped as of the limit");
            assertEquals(1L, Db.count("select count(*) from notifications where session_id = ?", session));
        } finally {
            TestClock.release();
        }
    }
}
