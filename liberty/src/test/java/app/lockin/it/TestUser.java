package app.lockin.it;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A signed-in person of the tests: a valid token and the profile id the API gave them. */
public record TestUser(String token, UUID id, String displayName) {

    /** A new person with this display name (from the token's {@code name} claim). */
    public static TestUser named(String displayName) {
        String token = Tokens.with("user-" + UUID.randomUUID(), c -> c.claim("name", displayName));
        Api.Reply me = Api.get("/api/me", token);
        assertEquals(200, me.status(), me::toString);
        return new TestUser(token, UUID.fromString(me.json().getString("id")), displayName);
    }

    public Api.Reply get(String path) {
        return Api.get(path, token);
    }

    public Api.Reply post(String path, String json) {
        return Api.post(path, token, json);
    }

    /** A POST without a body, as the action endpoints take it. */
    public Api.Reply action(String path) {
        return Api.send("POST", path, token, null, null);
    }

    public Api.Reply patch(String path, String json) {
        return Api.patch(path, token, json);
    }

    public Api.Reply delete(String path) {
        return Api.delete(path, token);
    }
}
