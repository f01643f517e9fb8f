package app.lockin.it;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The session endpoints (SPEC §7) as the tests call them: real HTTP, status checked where it must succeed. */
final class SessionCalls {

    private SessionCalls() {
    }

    /** A personal session of the token's user, created. */
    static UUID personal(String token) {
        return id(expect(201, Api.post("/api/sessions", token, "{}")));
    }

    /** A session of {@code group} hosted by the token's user, created. */
    static UUID inGroup(String token, UUID group) {
        return id(expect(201, Api.post("/api/sessions", token, "{\"group_id\":\"" + group + "\"}")));
    }

    /** {@code POST /api/sessions/{id}:<action>} with no body. */
    static Api.Reply act(String token, UUID session, String action) {
        return Api.send("POST", "/api/sessions/" + session + ":" + action, token, null, null);
    }

    /** The action, which must succeed; the session after it. */
    static JsonObject ok(String token, UUID session, String action) {
        return expect(200, act(token, session, action)).json();
    }

    static JsonObject get(String token, UUID session) {
        return expect(200, Api.get("/api/sessions/" + session, token)).json();
    }

    static Api.Reply log(String token, UUID session, Instant startedAt, Instant endedAt) {
        return Api.post("/api/sessions/" + session + "/logs", token,
                "{\"started_at\":\"" + startedAt + "\",\"ended_at\":\"" + endedAt + "\"}");
    }

    /** A manual log that must be accepted. */
    static void logged(String token, UUID session, Instant startedAt, Instant endedAt) {
        expect(201, log(token, session, startedAt, endedAt));
    }

    static Api.Reply expect(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }

    private static UUID id(Api.Reply reply) {
        return UUID.fromString(reply.json().getString("id"));
    }
}
