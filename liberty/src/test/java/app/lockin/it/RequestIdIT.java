package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * SPEC §17: {@code X-Request-Id} is honoured when acceptable (1–128 visible ASCII characters),
 * generated (a UUID) otherwise, and echoed on every answer: success, the application's 4xx, the
 * container's 401 for a refused token and 404 for an unknown path. (That the id reaches the log
 * lines is RunnableJarIT's, on a console in JSON.)
 */
@ExtendWith(ArquillianExtension.class)
class RequestIdIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aGoodIdIsEchoedOnSuccessAndOnEveryKindOfError() {
        String token = Tokens.newUser();
        for (String[] call : new String[][] {
                {"GET", "/api/me", token, null, "200"},
                {"POST", "/api/groups", token, "{\"name\":", "400"},
                {"GET", "/api/groups/" + UUID.randomUUID(), token, null, "404"},
                {"GET", "/api/me", token + "x", null, "401"},
                {"GET", "/api/me", null, null, "401"},
                {"GET", "/no-such-page", null, null, "404"}}) {
            String id = "req-" + UUID.randomUUID() + "~!#";
            Api.Reply reply = Api.sendWith(call[0], call[1], call[2], call[3], Map.of("X-Request-Id", id));
            assertEquals(Integer.parseInt(call[4]), reply.status(), reply::toString);
            assertEquals(id, reply.header("X-Request-Id"), () -> call[0] + " " + call[1] + ": " + reply);
        }
    }

    @Test
    void withoutAnAcceptableIdTheServerMakesOne() {
        String token = Tokens.newUser();
        Api.Reply none = Api.get("/api/me", token);
        UUID.fromString(none.header("X-Request-Id"));
        Api.Reply unknownPath = Api.get("/no-such-page", null);
        UUID.fromString(unknownPath.header("X-Request-Id"));
        assertNotEquals(none.header("X-Request-Id"), unknownPath.header("X-Request-Id"));
        for (String refused : new String[] {"has space", "x".repeat(129)}) {
            Api.Reply reply = Api.sendWith("GET", "/api/me", token, null, Map.of("X-Request-Id", refused));
            assertEquals(200, reply.status());
            UUID.fromString(reply.header("X-Request-Id")); // a new UUID instead
        }
    }
}
