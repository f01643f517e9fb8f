package app.lockin.it;

import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static app.lockin.it.Fixtures.groupId;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §11 across servers: two Liberty servers on one PostgreSQL, sharing nothing else. A change
 * made through one reaches the streams held by the other, and the other way round.
 */
@ExtendWith(ArquillianExtension.class)
class TwoServersIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aChangeThroughOneServerReachesTheStreamsOfTheOther() {
        TestUser owner = TestUser.named("Ada Across");
        TestUser member = TestUser.named("Ben Beyond");
        UUID group = groupId(Fixtures.GroupSpec.standard(), owner, member);
        try (SecondServer second = SecondServer.start();
             EventStream onSecond = EventStream.open(second.baseUrl(), "/api/groups/" + group + "/events", member.token());
             EventStream onFirst = EventStream.open("/api/me/events", member.token())) {
            assertEquals(200, onSecond.status());
            assertEquals("progress", onSecond.next(SOON).name());
            assertEquals("inbox", onFirst.next(SOON).name());

            UUID session = inGroup(owner.token(), group); // through the first server
            // awaited before the start: a push reads the session when it is built, so a start that
            // commits before the second server builds the creation's push is (rightly) seen as one
            // "running" event
            assertEquals("created", onSecond.next("session", SOON).json().asJsonObject().getString("status"));
            ok(owner.token(), session, "start");
            assertEquals("running", onSecond.next("session", SOON).json().asJsonObject().getString("status"));
            assertTrue(onSecond.next("progress", SOON).json().asJsonArray().stream().map(JsonValue::asJsonObject)
                    .anyMatch(row -> row.getString("user_id").equals(owner.id().toString()) && row.getBoolean("is_focusing")),
                    "the second server pushes the clock-in made through the first");

            UUID group2 = groupId(Fixtures.GroupSpec.standard(), owner);
            Api.Reply sent = sendThrough(second, owner.token(), "/api/groups/" + group2 + ":invite",
                    "{\"recipient_id\":\"" + member.id() + "\"}");
            assertEquals(201, sent.status(), sent::toString);
            assertEquals("group_invite", onFirst.next("notification", SOON).json().asJsonObject().getString("kind"),
                    "an invite made through the second server reaches the first server's inbox stream");

            second.terminate(); // SIGTERM: the stream is told to come back in a second, then closed
            java.util.List<EventStream.Event> seen = new java.util.ArrayList<>();
            EventStream.Event last = onSecond.next(SOON);
            seen.add(last);
            while (last.retry() == null && !last.end()) {
                last = onSecond.next(SOON);
                seen.add(last);
            }
            assertEquals(1000, last.retry(), "retry: 1000 before the server closes the stream; seen " + seen
                    + ", comments " + onSecond.comments());
            assertTrue(onSecond.endsWithin(SOON), "then the stream ends");
        }
    }

    /**
     * What a server keeps in memory (the race view, RaceViews; who a token is, KnownIdentities)
     * follows changes made through another server: the race after a clock-in, and an identity
     * whose account was deleted, which must start afresh (SPEC §14) instead of naming the gone profile.
     */
    @Test
    void whatTheOtherServerKeepsInMemoryFollowsChangesMadeHere() {
        TestUser owner = TestUser.named("Cid Cached");
        TestUser member = TestUser.named("Dot Deleted");
        UUID group = groupId(Fixtures.GroupSpec.standard(), owner, member);
        try (SecondServer second = SecondServer.start()) {
            Api.Reply me = get(second, member.token(), "/api/me");
            assertEquals(member.id().toString(), me.json().getString("id"), me::toString);
            assertFalse(focusing(second, member, owner, group)); // read twice: the second answer from memory
            assertFalse(focusing(second, member, owner, group));

            ok(owner.token(), inGroup(owner.token(), group), "start"); // through the first server
            ProgressIT.eventually(() -> focusing(second, member, owner, group), "the clock-in reaches the second server's race");

            assertEquals(204, member.delete("/api/me").status()); // through the first server
            // until the deletion's notification arrives the second server may still name the gone
            // profile, which answers 404 (openapi.yaml, GET /api/me); never the old profile itself
            ProgressIT.eventually(() -> {
                Api.Reply again = get(second, member.token(), "/api/me");
                assertTrue(again.status() == 200 || again.status() == 404, again::toString);
                return again.status() == 200 && !again.json().getString("id").equals(member.id().toString());
            }, "the second server forgets the deleted identity: the token gets a new profile");
        }
    }

    private static boolean focusing(SecondServer server, TestUser reader, TestUser who, UUID group) {
        Api.Reply rows = get(server, reader.token(), "/api/groups/" + group + "/progress/current");
        assertEquals(200, rows.status(), rows::toString);
        return rows.array().stream().map(JsonValue::asJsonObject)
                .anyMatch(row -> row.getString("user_id").equals(who.id().toString()) && row.getBoolean("is_focusing"));
    }

    private static Api.Reply get(SecondServer server, String token, String path) {
        return Api.sendTo(server.baseUrl(), "GET", path, token, null, null);
    }

    private static Api.Reply sendThrough(SecondServer server, String token, String path, String json) {
        return Api.sendTo(server.baseUrl(), "POST", path, token, json, "application/json");
    }
}
