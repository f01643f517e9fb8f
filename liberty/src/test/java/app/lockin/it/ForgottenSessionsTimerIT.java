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

import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §15: the timer stops a forgotten session and delivers the host's reminder with nobody
 * reading the session. The limit is 2 s of real time for this class (the clock cannot be pinned:
 * the clock probe reads a session, which would stop it lazily) and the timer ticks every second;
 * the test only reads the database and the event streams until the timer has acted.
 */
@ExtendWith(ArquillianExtension.class)
class ForgottenSessionsTimerIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        TestEnvironment.setServerVariable("LOCKIN_SESSION_SWEEP_SCHEDULE", "*/1 * *"); // read at start
        return Deployments.ear();
    }

    @AfterAll
    static void timerOffAgain() {
        TestEnvironment.setServerVariable("LOCKIN_SESSION_MAX_RUN", "");
        TestEnvironment.setServerVariable("LOCKIN_SESSION_SWEEP_SCHEDULE", "off");
    }

    @Test
    void theTimerStopsTheSessionAtItsLimitAndTellsTheHostWithinSeconds() throws Exception {
        TestClock.release();
        TestUser ann = TestUser.named("Ann Asleep");
        TestUser bob = TestUser.named("Bob Watching");
        UUID group = Fixtures.groupId(Fixtures.GroupSpec.standard(), ann, bob);
        try (EventStream inbox = EventStream.open("/api/me/events", ann.token());
             EventStream race = EventStream.open("/api/groups/" + group + "/events", bob.token())) {
            assertEquals("inbox", inbox.next(SOON).name());
            assertEquals("progress", race.next(SOON).name());
            UUID session = inGroup(ann.token(), group);
            TestEnvironment.setServerVariable("LOCKIN_SESSION_MAX_RUN", "PT2S");
            ok(ann.token(), session, "start");
            Instant runningSince = (Instant) Db.value("select running_since from sessions where id = ?", session);

            EventStream.Event notification = inbox.next("notification", SOON);
            JsonObject reminder = notification.json().asJsonObject();
            assertEquals("session_reminder", reminder.getString("kind"));
            assertTrue(reminder.getString("body").contains("2 seconds"), reminder::toString);
            assertEquals("stopped", Db.value("select status from sessions where id = ?", session));
            assertEquals(runningSince.plusSeconds(2), Db.value("select ended_at from sessions where id = ?", session),
                    "stopped as of the limit, whenever the timer noticed");
            assertEquals(1L, Db.count("select count(*) from notifications where session_id = ?", session));

            EventStream.Event stopped;
            do {
                stopped = race.next("session", SOON);
            } while (!stopped.json().asJsonObject().getString("status").equals("stopped"));
            assertEquals(session.toString(), stopped.json().asJsonObject().getString("id"));
        } finally {
            TestEnvironment.setServerVariable("LOCKIN_SESSION_MAX_RUN", "");
        }
    }
}
