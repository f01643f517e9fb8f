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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.lockin.it.SessionCalls.act;
import static app.lockin.it.SessionCalls.assertRefused;
import static app.lockin.it.SessionCalls.expect;
import static app.lockin.it.SessionCalls.get;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §15 forgotten sessions, read lazily (the timer is off here; ForgottenSessionsTimerIT runs
 * it): with the clock pinned past the limit (default PT12H), every answer already shows the session
 * stopped as of the limit, and its host has exactly one reminder. No test waits for time to pass.
 */
@ExtendWith(ArquillianExtension.class)
class ForgottenSessionsIT {

    private static final Duration LIMIT = Duration.ofHours(12);
    private static final Instant T0 = Instant.parse("2026-07-01T06:00:00Z");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    @Test
    void aReadAfterTheLimitShowsTheSessionStoppedAtTheLimitWithOneReminder() {
        TestUser ann = TestUser.named("Ann Forgetful");
        TestUser bob = TestUser.named("Bob Along");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 1440), ann, bob);
        TestClock.pin(T0);
        UUID session = inGroup(ann.token(), group);
        ok(bob.token(), session, "join");
        ok(ann.token(), session, "start");
        assertEquals(0, reminders(ann).size());

        TestClock.pin(T0.plus(LIMIT).plus(Duration.ofMinutes(30)));
        JsonObject s = get(bob.token(), session); // not even the host: any read
        assertEquals("stopped", s.getString("status"));
        assertEquals(T0.plus(LIMIT).toString(), s.getString("ended_at"), "as of the limit, not when noticed");
        assertEquals(LIMIT.toSeconds(), s.getJsonNumber("focused_seconds").longValue());
        for (JsonObject p : expect(200, ann.get("/api/sessions/" + session + "/participants")).array()
                .getValuesAs(JsonObject.class)) {
            assertEquals(LIMIT.toSeconds(), p.getJsonNumber("focused_seconds").longValue(), p::toString);
            assertFalse(p.getBoolean("is_focusing"));
        }
        JsonArray race = expect(200, ann.get("/api/groups/" + group + "/progress/current")).array();
        for (JsonObject row : race.getValuesAs(JsonObject.class)) {
            assertEquals(LIMIT.toSeconds(), row.getJsonNumber("seconds_done").longValue(), "no log counts past the limit");
            assertFalse(row.getBoolean("is_focusing"));
        }
        assertEquals(T0.plus(LIMIT), Db.value("select max(ended_at) from time_logs where session_id = ?", session));

        List<JsonObject> reminders = reminders(ann);
        assertEquals(1, reminders.size());
        assertEquals(group.toString(), reminders.get(0).getString("group_id"));
        assertTrue(reminders.get(0).getString("body").contains("12 hours"), reminders.get(0)::toString);
        assertEquals(0, reminders(bob).size(), "the host's reminder only");

        get(ann.token(), session);
        TestClock.pin(T0.plus(LIMIT).plus(Duration.ofHours(2)));
        get(ann.token(), session);
        assertEquals(1, reminders(ann).size(), "exactly one");
        assertRefused(act(ann.token(), session, "pause"), 409, "invalid_transition");
    }

    @Test
    void theLimitCountsFromTheLastResumeAndFocusedSecondsMayExceedIt() {
        TestUser ann = TestUser.named("Ann Pauser");
        TestClock.pin(T0);
        UUID session = personal(ann.token());
        ok(ann.token(), session, "start");
        TestClock.pin(T0.plus(Duration.ofHours(6)));
        ok(ann.token(), session, "pause");
        TestClock.pin(T0.plus(Duration.ofHours(8)));
        ok(ann.token(), session, "resume");

        TestClock.pin(T0.plus(Duration.ofHours(19)));
        JsonObject running = get(ann.token(), session);
        assertEquals("running", running.getString("status"), "11 hours since the resume");
        assertEquals(Duration.ofHours(17).toSeconds(), running.getJsonNumber("focused_seconds").longValue());

        TestClock.pin(T0.plus(Duration.ofHours(20)).plusSeconds(10));
        JsonObject stopped = get(ann.token(), session);
        assertEquals("stopped", stopped.getString("status"));
        assertEquals(T0.plus(Duration.ofHours(20)).toString(), stopped.getString("ended_at"));
        assertEquals(Duration.ofHours(18).toSeconds(), stopped.getJsonNumber("focused_seconds").longValue(),
                "the sum of all runs exceeds the limit");
        assertEquals(1, reminders(ann).size());
    }

    /** The forgotten session's open log would otherwise make its person "already focusing" forever. */
    @Test
    void aForgottenSessionNoLongerHoldsItsPerson() {
        TestUser ann = TestUser.named("Ann Again");
        TestClock.pin(T0);
        UUID forgotten = personal(ann.token());
        ok(ann.token(), forgotten, "start");

        TestClock.pin(T0.plus(LIMIT).plus(Duration.ofHours(1)));
        UUID next = personal(ann.token());
        assertEquals("running", ok(ann.token(), next, "start").getString("status"), "not already_focusing");
        assertEquals("stopped", get(ann.token(), forgotten).getString("status"));
        // the forgotten session's window ends at the limit: no time after it can be logged there
        assertRefused(SessionCalls.log(ann.token(), forgotten, T0.plus(LIMIT).plusSeconds(300), T0.plus(LIMIT).plusSeconds(600)),
                400, "log_outside_session");
    }

    private static List<JsonObject> reminders(TestUser user) {
        return expect(200, user.get("/api/notifications?limit=100")).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("kind").equals("session_reminder")).toList();
    }
}
