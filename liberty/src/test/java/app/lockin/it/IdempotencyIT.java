package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotency keys (SPEC §15): a retried write is executed once, whatever the timing of the
 * retries; the same key with another request is refused; bad keys are refused; answers that must
 * be retried for real (5xx) are not kept; a key whose server died is freed after its lease.
 * Every refusal is checked against the database.
 */
@ExtendWith(ArquillianExtension.class)
class IdempotencyIT {

    TestUser alice;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void someone() {
        alice = TestUser.named("Alice Retry");
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    static Api.Reply keyed(TestUser user, String method, String path, String body, String key) {
        return Api.sendWith(method, path, user.token(), body, Map.of("Idempotency-Key", key));
    }

    /** The same bytes for the same name, whenever it is called. */
    static String groupBody(String name) {
        return Fixtures.GroupSpec.daily("Europe/Paris", 60).body(name);
    }

    static long groupsNamed(String name) {
        return Db.count("select count(*) from groups where name = ?", name);
    }

    // ------------------------------------------------------------------------- once

    @Test
    void tenSimultaneousRequestsWithOneKeyHaveExactlyOneEffect() {
        String name = "Once " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = groupBody(name);

        List<Api.Reply> replies = Fixtures.simultaneously(10, () -> keyed(alice, "POST", "/api/groups", body, key));

        assertEquals(1, groupsNamed(name), () -> "one group: " + replies);
        List<Api.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
        List<Api.Reply> inFlight = replies.stream().filter(r -> r.status() == 409).toList();
        assertEquals(10, created.size() + inFlight.size(), () -> "only 201 or 409: " + replies);
        assertEquals(1, created.stream().filter(r -> r.header("Idempotent-Replayed") == null).count(),
                () -> "one executed: " + replies);
        inFlight.forEach(r -> {
            assertProblem(r, 409, "idempotency_key_in_flight");
            assertNotNull(r.header("Retry-After"));
        });
        Api.Reply first = created.get(0);
        created.forEach(r -> {
            assertEquals(first.body(), r.body());
            assertEquals(first.header("Location"), r.header("Location"));
        });

        // once the first has answered, every retry gets its answer
        Api.Reply retry = keyed(alice, "POST", "/api/groups", body, key);
        assertEquals(201, retry.status(), retry::toString);
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.body(), retry.body());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, groupsNamed(name));
    }

    @Test
    void aReplayReturnsTheSameStatusBodyAndHeadersAndExecutesNothing() {
        Instant start = Instant.parse("2026-03-09T08:00:00Z");
        TestClock.pin(start.minusSeconds(60));
        UUID session = SessionCalls.personal(alice.token());
        SessionCalls.ok(alice.token(), session, "start");
        SessionCalls.ok(alice.token(), session, "pause");
        TestClock.pin(start.plus(2, ChronoUnit.HOURS));
        String body = "{\"started_at\":\"" + start + "\",\"ended_at\":\"" + start.plusSeconds(600) + "\"}";
        String path = "/api/sessions/" + session + "/logs";
        String key = "log-" + UUID.randomUUID();

        Api.Reply first = keyed(alice, "POST", path, body, key);
        assertEquals(201, first.status(), first::toString);
        assertNull(first.header("Idempotent-Replayed"));
        String before = Db.snapshot() + logsOf(session);

        Api.Reply again = keyed(alice, "POST", path, body, key);
        assertEquals(201, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.body(), again.body());
        assertEquals(first.header("Location"), again.header("Location"));
        assertTrue(again.header("Content-Type").startsWith("application/json"), again::toString);
        assertEquals(before, Db.snapshot() + logsOf(session), "a replay executes nothing");

        // without a key the same request is a new write (here refused: it overlaps the first)
        assertProblem(alice.post(path, body), 409, "log_overlap");
    }

    @Test
    void aDeleteIsReplayedAsItsNoContentAnswer() {
        TestUser owner = TestUser.named("Owner");
        UUID group = Fixtures.groupId(Fixtures.GroupSpec.standard(), owner, alice);
        String path = "/api/groups/" + group + "/members/" + alice.id();
        String key = UUID.randomUUID().toString();

        Api.Reply left = keyed(alice, "DELETE", path, null, key);
        assertEquals(204, left.status(), left::toString);
        Api.Reply again = keyed(alice, "DELETE", path, null, key);
        assertEquals(204, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals("", again.body());
        // without the key: the person is no longer a member
        assertEquals(404, alice.delete(path).status());
    }

    @Test
    void refusalsAreStoredAndReplayedToo() {
        String key = UUID.randomUUID().toString();
        Api.Reply refused = keyed(alice, "PATCH", "/api/me", "{\"display_name\":\"\"}", key);
        assertFieldProblem(refused, "validation_failed", "display_name");
        Api.Reply again = keyed(alice, "PATCH", "/api/me", "{\"display_name\":\"\"}", key);
        assertEquals(400, again.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(refused.body(), again.body());
        assertEquals(refused.header("Content-Type"), again.header("Content-Type"));
    }

    // ------------------------------------------------------------------------- refusals

    @Test
    void theSameKeyWithAnotherBodyPathOrMethodIs422AndChangesNothing() {
        String key = UUID.randomUUID().toString();
        String name = "Reused " + UUID.randomUUID();
        assertEquals(201, keyed(alice, "POST", "/api/groups", groupBody(name), key).status());
        String before = Db.snapshot();

        assertProblem(keyed(alice, "POST", "/api/groups", groupBody(name + " two"), key), 422, "idempotency_key_reused");
        assertProblem(keyed(alice, "POST", "/api/sessions", "{}", key), 422, "idempotency_key_reused");
        assertProblem(keyed(alice, "PATCH", "/api/me", "{\"display_name\":\"Alice\"}", key), 422, "idempotency_key_reused");
        // the same bytes but another query string is another request
        assertProblem(keyed(alice, "POST", "/api/groups?x=1", groupBody(name), key), 422, "idempotency_key_reused");
        assertEquals(before, Db.snapshot());

        // keys are per user: another person may use the same key for anything
        TestUser bob = TestUser.named("Bob");
        Api.Reply bobs = keyed(bob, "POST", "/api/groups", groupBody(name + " bob"), key);
        assertEquals(201, bobs.status(), bobs::toString);
        assertNull(bobs.header("Idempotent-Replayed"));
    }

    @Test
    void badKeysAre400AndChangeNothing() {
        String name = "Bad key " + UUID.randomUUID();
        String before = Db.snapshot();
        for (String bad : List.of("", "x".repeat(256), "two words", "tab\there")) {
            Api.Reply reply = keyed(alice, "POST", "/api/groups", groupBody(name), bad);
            assertEquals(400, reply.status(), () -> "key [" + bad + "]: " + reply);
            assertFieldProblem(reply, "validation_failed", "Idempotency-Key");
        }
        // beyond ASCII: the client library would mangle it, so the bytes go over a plain socket
        String nonAscii = rawRequest("POST /api/groups HTTP/1.1", alice.token(), "caf\u00e9", groupBody(name));
        assertTrue(nonAscii.startsWith("HTTP/1.1 400"), nonAscii);
        assertTrue(nonAscii.contains("\"field\":\"Idempotency-Key\""), nonAscii);
        assertEquals(before, Db.snapshot());
        assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ?", alice.id()));

        // the limits themselves are fine: 255 visible characters, and a single one
        String longest = "!~" + "k".repeat(253);
        assertEquals(201, keyed(alice, "POST", "/api/groups", groupBody(name), longest).status());
        assertEquals(201, keyed(alice, "POST", "/api/groups", groupBody(name + "!"), "~").status());
    }

    // ------------------------------------------------------------------------- not kept

    @Test
    void aServerErrorIsNotStoredAndTheRetryExecutesForReal() {
        String name = "Boom " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        // a fault of the database while the business work runs, for this group only
        withTrigger("before insert on groups for each row when (new.name like 'Boom %')", INJECTED_FAULT, () -> {
            HttpResponse<String> failed = withoutContractCheck("POST", "/api/groups", alice.token(), groupBody(name), key);
            assertEquals(500, failed.statusCode(), failed::body);
            assertTrue(failed.body().contains("\"internal_error\""), failed::body);
            assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ?", alice.id()),
                    "the key was released");
        });
        assertTheRetryExecutesOnce(name, key);
        assertEquals(1, Db.count("select count(*) from idempotency_keys where user_id = ? and status = 201", alice.id()));
    }

    // ------------------------------------------------------------------------- effect and answer together

    @Test
    void aWriteWhoseAnswerCannotBeStoredIsUndoneAndItsRetryExecutesOnce() {
        String name = "Unstored " + UUID.randomUUID();
        String key = "store-fails-" + UUID.randomUUID();
        // the database refuses to store this key's answer, after the group was inserted
        withTrigger("before update on idempotency_keys for each row "
                + "when (new.idempotency_key like 'store-fails-%' and new.status is not null)", INJECTED_FAULT, () -> {
            HttpResponse<String> failed = withoutContractCheck("POST", "/api/groups", alice.token(), groupBody(name), key);
            assertEquals(500, failed.statusCode(), failed::body);
            assertTrue(failed.body().contains("\"internal_error\""), failed::body);
            assertNull(failed.headers().firstValue("Location").orElse(null), "no trace of the group that was not made");
            assertEquals(0, groupsNamed(name), "the group was rolled back with its answer");
            assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ?", alice.id()),
                    "the key was released");
        });
        assertTheRetryExecutesOnce(name, key);
        assertEquals("true", keyed(alice, "POST", "/api/groups", groupBody(name), key).header("Idempotent-Replayed"));
        assertEquals(1, groupsNamed(name));
    }

    /** The retry of a write that failed with its key released: executed (not replayed), one group. */
    private void assertTheRetryExecutesOnce(String name, String key) {
        Api.Reply retry = keyed(alice, "POST", "/api/groups", groupBody(name), key);
        assertEquals(201, retry.status(), retry::toString);
        assertNull(retry.header("Idempotent-Replayed"), "executed, not replayed");
        assertEquals(1, groupsNamed(name));
    }

    @Test
    void aWriteThatOutlivedItsLeaseAndWasTakenOverCommitsNothing() {
        String name = "Overtaken " + UUID.randomUUID();
        String key = "taken-over-" + UUID.randomUUID();
        // while the group is inserted, a retry takes the claim over (as after the lease has passed)
        withTrigger("before insert on groups for each row when (new.name like 'Overtaken %')", """
                begin
                    update idempotency_keys set claim_token = gen_random_uuid()
                     where idempotency_key like 'taken-over-%' and status is null;
                    return new;
                end""", () -> {
            assertProblem(keyed(alice, "POST", "/api/groups", groupBody(name), key), 409, "idempotency_key_in_flight");
            assertEquals(0, groupsNamed(name), "only the request holding the claim may commit an effect");
        });
    }

    @Test
    void aKeyedAccountDeletionCommitsAndItsKeyGoesWithTheProfile() {
        TestUser leaving = TestUser.named("Lee Leaving");
        String key = UUID.randomUUID().toString();
        Api.Reply deleted = Api.sendWith("DELETE", "/api/me", leaving.token(), null, Map.of("Idempotency-Key", key));
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(0, Db.count("select count(*) from profiles where id = ?", leaving.id()), "the deletion committed");
        assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ?", leaving.id()),
                "the key, like every row of the person, is gone");
    }

    @Test
    void requestsWithoutAKeyAndReadsAreUntouched() {
        Api.Reply me = Api.sendWith("GET", "/api/me", alice.token(), null, Map.of("Idempotency-Key", "not checked on reads"));
        assertEquals(200, me.status(), me::toString);
        assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ?", alice.id()));
    }

    // ------------------------------------------------------------------------- dead servers, expiry

    @Test
    void aClaimWhoseServerDiedIsFreedAfterItsLease() {
        Instant t = Instant.parse("2026-03-10T09:00:00Z");
        TestClock.pin(t);
        String name = "Lease " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = groupBody(name);
        assertEquals(201, keyed(alice, "POST", "/api/groups", body, key).status());
        // as a server killed between the claim and the answer leaves it: claimed, no answer
        assertEquals(1, Db.update("""
                update idempotency_keys set status = null, content_type = null, location = null, etag = null, body = null,
                       lease_until = ? where user_id = ? and idempotency_key = ?""", t.plusSeconds(60), alice.id(), key));
        Db.update("delete from groups where name = ?", name);

        TestClock.pin(t.plusSeconds(59));
        assertProblem(keyed(alice, "POST", "/api/groups", body, key), 409, "idempotency_key_in_flight");
        assertProblem(keyed(alice, "POST", "/api/groups", groupBody(name + "?"), key), 422, "idempotency_key_reused");
        assertEquals(0, groupsNamed(name));

        TestClock.pin(t.plusSeconds(60));
        Api.Reply retried = keyed(alice, "POST", "/api/groups", body, key);
        assertEquals(201, retried.status(), retried::toString);
        assertNull(retried.header("Idempotent-Replayed"));
        assertEquals(1, groupsNamed(name));
        Api.Reply replay = keyed(alice, "POST", "/api/groups", body, key);
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(retried.body(), replay.body());
    }

    @Test
    void aKeyLivesTwentyFourHours() {
        Instant t = Instant.parse("2026-03-11T09:00:00Z");
        TestClock.pin(t);
        String name = "Day " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Api.Reply first = keyed(alice, "POST", "/api/groups", groupBody(name), key);
        assertEquals(201, first.status());
        assertEquals(t.plus(Duration.ofHours(24)),
                Db.value("select expires_at from idempotency_keys where user_id = ? and idempotency_key = ?", alice.id(), key));

        TestClock.pin(t.plus(Duration.ofHours(24)).minusSeconds(1));
        assertEquals("true", keyed(alice, "POST", "/api/groups", groupBody(name), key).header("Idempotent-Replayed"));
        assertEquals(1, groupsNamed(name));

        TestClock.pin(t.plus(Duration.ofHours(24)));
        Api.Reply later = keyed(alice, "POST", "/api/groups", groupBody(name + " again"), key);
        assertEquals(201, later.status(), later::toString);
        assertNull(later.header("Idempotent-Replayed"));
        assertNotEquals(first.header("Location"), later.header("Location"));
    }

    /** The body of a trigger function that fails the statement, as a database fault would. */
    private static final String INJECTED_FAULT = "begin raise exception 'injected fault' using errcode = 'XX000'; end";

    /**
     * Runs {@code body} while a trigger ({@code when}: its timing, table and condition) runs the
     * PL/pgSQL {@code function} body, then removes both whatever happened.
     */
    private static void withTrigger(String when, String function, Runnable body) {
        Db.update("create or replace function test_injected() returns trigger language plpgsql as $$ " + function + " $$");
        Db.update("create trigger test_injected " + when + " execute function test_injected()");
        try {
            body.run();
        } finally {
            Db.update("drop function test_injected() cascade"); // and its trigger
        }
    }

    /** The injected fault's 500 is not part of the contract, so this reply is not checked against it. */
    private static HttpResponse<String> withoutContractCheck(String method, String path, String token, String json, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(30)).build();
        try {
            return Api.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One request written byte by byte (the header value in UTF-8); the whole answer as text. */
    private static String rawRequest(String requestLine, String token, String key, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\nIdempotency-Key: ";
        try (Socket socket = new Socket("localhost", URI.create(TestEnvironment.baseUrl()).getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(key.getBytes(StandardCharsets.UTF_8));
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logsOf(UUID session) {
        return Db.rows("select id, started_at, ended_at from time_logs where session_id = ? order by id", session).toString();
    }
}
