package app.lockin.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §4 {@code /api/me} and the request-handling rules of SPEC §1 as they apply to it. */
@ExtendWith(ArquillianExtension.class)
class ProfileIT {

    private String token;
    private JsonObject before;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void newUser() {
        token = Tokens.newUser();
        before = me();
    }

    @Test
    void theProfileHasTheWholeShape() {
        for (String field : new String[]{"id", "email", "display_name", "avatar_url", "created_at", "updated_at"}) {
            assertTrue(before.containsKey(field), field + " is present");
        }
        assertEquals(0, before.getJsonArray("memberships").size());
        assertTrue(before.getString("created_at").endsWith("Z"), "timestamps are UTC with Z");
    }

    @Test
    void theDisplayNameIsTrimmedAndUpdatedAtMoves() {
        Api.Reply reply = Api.patch("/api/me", token, "{\"display_name\":\"  Ada Lovelace \\t\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("Ada Lovelace", reply.json().getString("display_name"));
        assertTrue(Instant.parse(reply.json().getString("updated_at"))
                .isAfter(Instant.parse(before.getString("updated_at"))), "updated_at advances");
        assertEquals("Ada Lovelace", me().getString("display_name"));
    }

    @Test
    void eightyCharactersAreAllowedEvenOutsideTheBasicPlane() {
        String name = "🙂".repeat(80);
        Api.Reply reply = Api.patch("/api/me", token, "{\"display_name\":\"" + name + "\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(name, reply.json().getString("display_name"));
    }

    @Test
    void badDisplayNamesAreRefusedAndChangeNothing() {
        assertFieldRefused("{\"display_name\":\"   \"}", "validation_failed", "display_name");
        assertFieldRefused("{\"display_name\":\"" + "x".repeat(81) + "\"}", "validation_failed", "display_name");
        assertFieldRefused("{\"display_name\":\"bell\\u0007\"}", "validation_failed", "display_name");
        assertFieldRefused("{\"display_name\":null}", "validation_failed", "display_name");
        assertFieldRefused("{\"display_name\":42}", "validation_failed", "display_name");
    }

    @Test
    void theAvatarCanBeRemovedAndAForeignUrlIsRefused() {
        Api.Reply removed = Api.patch("/api/me", token, "{\"avatar_url\":null}");
        assertEquals(200, removed.status(), removed::toString);
        assertTrue(removed.json().isNull("avatar_url"));
        assertFieldRefused("{\"avatar_url\":\"https://evil.example.com/me.png\"}", "invalid_avatar_url", "avatar_url");
    }

    @Test
    void oneBadFieldRefusesTheWholePatch() {
        assertFieldRefused("{\"display_name\":\"New Name\",\"avatar_url\":\"https://x.example/a.png\"}",
                "invalid_avatar_url", "avatar_url");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertFieldRefused("{\"display_nam\":\"typo\"}", "unknown_field", "display_nam");
        assertFieldRefused("{\"display_name\":\"ok\",\"email\":\"x@example.com\"}", "unknown_field", "email");
    }

    @Test
    void malformedJsonIsRefused() {
        assertRefused(Api.patch("/api/me", token, "{\"display_name\":"), 400, "malformed_json");
        assertRefused(Api.patch("/api/me", token, "[\"display_name\"]"), 400, "malformed_json");
        assertRefused(Api.patch("/api/me", token, ""), 400, "validation_failed");
    }

    @Test
    void bodiesOver64KiBAreRefused() {
        String big = "{\"display_name\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertRefused(Api.patch("/api/me", token, big), 413, "payload_too_large");
        assertRefused(Api.sendChunked("PATCH", "/api/me", token, big), 413, "payload_too_large");
        String justUnder = "{\"display_name\":\"Ok\",\"avatar_url\":null" + " ".repeat(60 * 1024) + "}";
        assertEquals(200, Api.sendChunked("PATCH", "/api/me", token, justUnder).status(),
                "a chunked body under the limit is read whole");
    }

    @Test
    void aBodyNestedArbitrarilyDeepIsMalformedJson() {
        for (int depth : new int[]{999, 1000, 30_000}) { // 30,000 levels: 60 KB, under the 64 KiB limit
            String deep = "{\"display_name\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            assertRefused(Api.patch("/api/me", token, deep), 400, "malformed_json");
        }
    }

    @Test
    void nonJsonBodiesAreRefused() {
        assertRefused(Api.send("PATCH", "/api/me", token, "display_name=x", "application/x-www-form-urlencoded"),
                415, "unsupported_media_type");
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblems() {
        assertRefused(Api.get("/api/no-such-thing", token), 404, "not_found");
        assertRefused(Api.get("/no-such-page", token), 404, "not_found");
        // DELETE /api/me exists since SPEC §14 (AccountIT); PUT never did
        assertRefused(Api.send("PUT", "/api/me", token, "{}", "application/json"), 405, "method_not_allowed");
    }

    private void assertFieldRefused(String body, String code, String field) {
        Api.Reply reply = Api.patch("/api/me", token, body);
        assertRefused(reply, 400, code);
        assertTrue(reply.json().getJsonArray("errors").stream()
                .anyMatch(e -> e.asJsonObject().getString("field").equals(field)), () -> field + " is named: " + reply);
    }

    private void assertRefused(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.code());
        assertTrue(!reply.body().contains("Exception") && !reply.body().contains("at app."), "no stack trace leaks");
        assertEquals(before, me(), "a refused request changes nothing");
    }

    private JsonObject me() {
        Api.Reply reply = Api.get("/api/me", token);
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }
}
