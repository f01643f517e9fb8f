package app.lockin.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.groupId;
import static app.lockin.it.Fixtures.invite;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §11: the live streams of a group's race and of a person's inbox, over real connections. */
@ExtendWith(ArquillianExtension.class)
class LiveEventsIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    private final List<EventStream> open = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void closeStreams() {
        open.forEach(EventStream::close);
        TestClock.release();
    }

    @Test
    void theFirstEventIsTheRaceThenSessionChangesArePushedBeforeTheRace() {
        TestUser owner = TestUser.named("Olive Owner");
        TestUser member = TestUser.named("Max Member");
        UUID group = groupId(Fixtures.GroupSpec.standard(), owner, member);
        EventStream stream = stream("/api/groups/" + group + "/events", member.token());
        assertEquals(200, stream.status());
        assertTrue(stream.header("Content-Type").startsWith("text/event-stream"), stream.header("Content-Type"));

        EventStream.Event first = stream.next(SOON);
        assertEquals("progress", first.name());
        JsonArray race = first.json().asJsonArray();
        assertEquals(2, race.size(), "one row per member");
        assertEquals(List.of(false, false), race.stream().map(r -> r.asJsonObject().getBoolean("is_focusing")).toList());
        assertTrue(race.stream().map(JsonValue::asJsonObject).allMatch(r -> r.containsKey("expected_seconds")
                && r.containsKey("pace") && r.containsKey("streak")), "the rows of SPEC §11.1: " + race);

        UUID session = inGroup(owner.token(), group);
        EventStream.Event created = stream.next("session", SOON);
        assertEquals(session.toString(), created.json().asJsonObject().getString("id"));
        assertEquals("created", created.json().asJsonObject().getString("status"));

        ok(owner.token(), session, "start");
        EventStream.Event running = stream.next("session", SOON);
        assertEquals("running", running.json().asJsonObject().getString("status"));
        EventStream.Event progress = stream.next("progress", SOON);
        JsonObject ownerRow = rowOf(progress.json().asJsonArray(), owner);
        assertTrue(ownerRow.getBoolean("is_focusing"), "the host's clock-in shows on the member's stream: " + progress.data());

        long previous = Long.parseLong(first.id());
        for (EventStream.Event e : List.of(created, running, progress)) {
            long id = Long.parseLong(e.id());
            assertTrue(id > previous, "ids increase within the stream: " + previous + " then " + id);
            previous = id;
        }
    }

    @Test
    void aMilestoneIsPushedToTheGroup() {
        Instant t0 = Instant.parse("2026-06-10T08:00:00Z");
        TestClock.pin(t0);
        TestUser owner = TestUser.named("Mia Milestone");
        UUID group = groupId(Fixtures.GroupSpec.daily("UTC", 1), owner);
        EventStream stream = stream("/api/groups/" + group + "/events", owner.token());
        stream.next("progress", SOON);
        UUID session = inGroup(owner.token(), group);
        ok(owner.token(), session, "start");
        TestClock.pin(t0.plus(2, ChronoUnit.MINUTES));
        ok(owner.token(), session, "pause");

        EventStream.Event mine = stream.next("milestone", SOON);
        EventStream.Event everyone = stream.next("milestone", SOON);
        List<JsonObject> milestones = List.of(mine.json().asJsonObject(), everyone.json().asJsonObject());
        assertTrue(milestones.stream().anyMatch(m -> m.getString("kind").equals("milestone_member")
                && m.getString("user_id").equals(owner.id().toString())
                && m.getString("period_start").equals("2026-06-10T00:00:00Z")), milestones::toString);
        assertTrue(milestones.stream().anyMatch(m -> m.getString("kind").equals("milestone_group")
                && m.isNull("user_id")), milestones::toString);
        JsonObject row = rowOf(stream.next("progress", SOON).json().asJsonArray(), owner);
        assertTrue(row.getBoolean("goal_met"), row::toString);
    }

    @Test
    void aNewDisplayNameIsPushedToTheRacesOfThePerson() {
        TestUser owner = TestUser.named("Nina Name");
        TestUser member = TestUser.named("Old Name");
        UUID group = groupId(Fixtures.GroupSpec.standard(), owner, member);
        EventStream stream = stream("/api/groups/" + group + "/events", owner.token());
        stream.next("progress", SOON);
        assertEquals(200, member.patch("/api/me", "{\"display_name\":\"New Name\"}").status());
        JsonObject row = rowOf(stream.next("progress", SOON).json().asJsonArray(), member);
        assertEquals("New Name", row.getString("display_name"));
    }

    @Test
    void aBurstOfChangesIsCoalescedIntoFewerRaceEventsEndingWithTheLatestState() {
        Instant t0 = Instant.parse("2026-06-11T08:00:00Z");
        TestClock.pin(t0);
        TestUser owner = TestUser.named("Burt Burst");
        UUID group = groupId(Fixtures.GroupSpec.daily("UTC", 600), owner);
        UUID session = inGroup(owner.token(), group);
        ok(owner.token(), session, "start");
        TestClock.pin(t0.plus(3, ChronoUnit.HOURS));
        ok(owner.token(), session, "pause");
        TestClock.pin(t0.plus(5, ChronoUnit.HOURS)); // manual logs fit between the pause and now
        EventStream stream = stream("/api/groups/" + group + "/events", owner.token());
        stream.next("progress", SOON);
        long before = rowOf(Api.get("/api/groups/" + group + "/progress/current", owner.token()).array(), owner)
                .getJsonNumber("seconds_done").longValue();

        int changes = 10;
        for (int i = 0; i < changes; i++) { // ten one-minute manual logs, as fast as the API takes them
            SessionCalls.logged(owner.token(), session, t0.plus(190 + i * 2L, ChronoUnit.MINUTES),
                    t0.plus(191 + i * 2L, ChronoUnit.MINUTES));
        }
        long expected = before + changes * 60L;
        long last = -1;
        int progressEvents = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (last != expected && System.nanoTime() < deadline) {
            EventStream.Event event = stream.next("progress", Duration.ofSeconds(5));
            progressEvents++;
            last = rowOf(event.json().asJsonArray(), owner).getJsonNumber("seconds_done").longValue();
        }
        assertEquals(expected, last, "the last event carries the latest state");
        assertTrue(progressEvents < changes, progressEvents + " progress events for " + changes + " changes");
    }

    @Test
    void aSilentStreamGetsAKeepAliveComment() {
        EventStream stream = stream("/api/me/events", TestUser.named("Kim Keepalive").token());
        stream.next("inbox", SOON);
        long deadline = System.nanoTime() + Duration.ofSeconds(16).toNanos();
        while (stream.comments().isEmpty() && System.nanoTime() < deadline && pause()) {
            // waiting for the server: no event is due on this stream
        }
        assertTrue(stream.comments().contains("keep-alive"), "a comment within 15 s of silence: " + stream.comments());
    }

    @Test
    void refusalsAreProblemsEvenForAnEventStreamClient() {
        TestUser owner = TestUser.named("Rita Refuser");
        UUID group = groupId(owner);
        assertProblem(stream("/api/groups/" + group + "/events", null), 401, "unauthorized");
        assertProblem(stream("/api/groups/" + group + "/events", TestUser.named("Stan Stranger").token()), 404, "not_found");
        assertProblem(stream("/api/groups/not-a-uuid/events", owner.token()), 404, "not_found");
        assertProblem(stream("/api/groups/" + UUID.randomUUID() + "/events", owner.token()), 404, "not_found");
    }

    @Test
    void aPersonHoldsAtMostFiveStreamsAndAClosedOneFreesItsSlot() {
        TestUser owner = TestUser.named("Lena Limit");
        UUID group = groupId(owner);
        List<EventStream> five = new ArrayList<>();
        five.add(stream("/api/me/events", owner.token()));
        for (int i = 0; i < 4; i++) {
            five.add(stream("/api/groups/" + group + "/events", owner.token()));
        }
        five.forEach(s -> assertEquals(200, s.status()));
        five.forEach(s -> s.next(SOON));
        EventStream sixth = stream("/api/groups/" + group + "/events", owner.token());
        assertProblem(sixth, 429, "too_many_requests");
        assertTrue(Integer.parseInt(sixth.header("Retry-After")) > 0, "Retry-After: " + sixth.header("Retry-After"));

        five.get(0).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(35).toNanos();
        EventStream again;
        do {
            again = stream("/api/groups/" + group + "/events", owner.token());
        } while (again.status() == 429 && System.nanoTime() < deadline && pause());
        assertEquals(200, again.status(), "the closed stream's slot was freed");
        assertEquals("progress", again.next(SOON).name());
    }

    @Test
    void theServerWideCapAnswersServerBusy() {
        TestUser owner = TestUser.named("Cap Tain");
        EventStream first = stream("/api/me/events", owner.token());
        assertEquals(200, first.status());
        first.next(SOON);
        TestEnvironment.setServerVariable("LOCKIN_SSE_MAX_STREAMS", "1");
        try {
            EventStream refused = stream("/api/me/events", TestUser.named("Late Comer").token());
            assertProblem(refused, 503, "server_busy");
            assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0, refused.header("Retry-After"));
        } finally {
            TestEnvironment.setServerVariable("LOCKIN_SSE_MAX_STREAMS", "10000");
        }
    }

    @Test
    void theInboxStreamCountsUnreadAndPushesNewNotifications() {
        TestUser owner = TestUser.named("Ines Inviter");
        TestUser guest = TestUser.named("Gil Guest");
        UUID group = groupId(owner);
        EventStream inbox = stream("/api/me/events", guest.token());
        EventStream.Event first = inbox.next(SOON);
        assertEquals("inbox", first.name());
        long unread = first.json().asJsonObject().getJsonNumber("unread_count").longValue();

        UUID invite = invite(owner, group, guest);
        EventStream.Event notification = inbox.next("notification", SOON);
        assertEquals(invite.toString(), notification.json().asJsonObject().getString("id"));
        assertEquals("group_invite", notification.json().asJsonObject().getString("kind"));
        assertEquals(unread + 1, inbox.next("inbox", SOON).json().asJsonObject().getJsonNumber("unread_count").longValue());

        assertEquals(200, guest.action("/api/notifications/" + invite + ":read").status());
        assertEquals(unread, inbox.next("inbox", SOON).json().asJsonObject().getJsonNumber("unread_count").longValue());
    }

    @Test
    void aMemberWhoIsRemovedOrLeavesIsRevokedAndTheStreamEnds() {
        TestUser owner = TestUser.named("Rob Remover");
        TestUser removed = TestUser.named("Rae Removed");
        TestUser leaving = TestUser.named("Lou Leaver");
        UUID group = groupId(Fixtures.GroupSpec.standard(), owner, removed, leaving);
        EventStream removedStream = stream("/api/groups/" + group + "/events", removed.token());
        EventStream leavingStream = stream("/api/groups/" + group + "/events", leaving.token());
        removedStream.next(SOON);
        leavingStream.next(SOON);

        Fixtures.removeMember(owner, group, removed);
        assertEquals("removed", removedStream.next("revoked", SOON).json().asJsonObject().getString("reason"));
        assertTrue(removedStream.endsWithin(SOON), "the server closes a revoked stream");
        Fixtures.removeMember(leaving, group, leaving);
        assertEquals("left", leavingStream.next("revoked", SOON).json().asJsonObject().getString("reason"));
        assertTrue(leavingStream.endsWithin(SOON));
    }

    @Test
    void theStreamEndsAtTheTokensExpiry() {
        String sub = "user-" + UUID.randomUUID();
        String token = Tokens.with(sub, c -> c.expirationTime(Date.from(Instant.now().plusSeconds(3))));
        EventStream stream = stream("/api/me/events", token);
        assertEquals(200, stream.status());
        assertEquals("inbox", stream.next(SOON).name());
        EventStream.Event expired = stream.next("expired", Duration.ofSeconds(10));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, expired.json());
        assertTrue(stream.endsWithin(SOON));
    }

    @Test
    void whenTheListeningConnectionDiesTheServerReconnectsAndStreamsGetAFreshSnapshot() {
        TestUser owner = TestUser.named("Dora Dropped");
        UUID group = groupId(owner);
        EventStream stream = stream("/api/groups/" + group + "/events", owner.token());
        stream.next("progress", SOON);

        long killed = Db.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where query = 'LISTEN lockin'");
        assertTrue(killed >= 1, "the server's LISTEN connection was found and killed");
        UUID session = inGroup(owner.token(), group); // announced while nobody may be listening
        ok(owner.token(), session, "start");

        JsonObject row = rowOf(stream.next("progress", Duration.ofSeconds(10)).json().asJsonArray(), owner);
        assertTrue(row.getBoolean("is_focusing"), "after reconnecting, the stream shows the change: " + row);
        assertTrue(Db.count("select count(*) from pg_stat_activity where query = 'LISTEN lockin'") >= 1,
                "the server listens again");
    }

    // ------------------------------------------------------------------------------ helpers

    private EventStream stream(String path, String token) {
        EventStream stream = EventStream.open(path, token);
        open.add(stream);
        return stream;
    }

    private static JsonObject rowOf(JsonArray race, TestUser user) {
        return race.stream().map(JsonValue::asJsonObject).filter(r -> r.getString("user_id").equals(user.id().toString()))
                .findFirst().orElseThrow(() -> new AssertionError(user.displayName() + " is not in " + race));
    }

    private static void assertProblem(EventStream stream, int status, String code) {
        assertEquals(status, stream.status());
        assertTrue(stream.header("Content-Type").startsWith("application/problem+json"), stream.header("Content-Type"));
        String body = stream.body();
        assertTrue(body.contains("\"code\":\"" + code + "\""), body);
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
