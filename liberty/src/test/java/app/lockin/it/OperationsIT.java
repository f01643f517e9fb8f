package app.lockin.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §10: health probes and the OpenAPI document are public; readiness checks the database. */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void livenessIsPublicAndUp() {
        Api.Reply reply = Api.get("/health/live", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.json().getString("status"));
    }

    @Test
    void readinessChecksTheMigratedDatabase() {
        Api.Reply reply = Api.get("/health/ready", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject database = reply.json().getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"));
        assertEquals("applied", database.getJsonObject("data").getString("migrations"));
    }

    @Test
    void startedIsPublicAndUp() {
        Api.Reply reply = Api.get("/health/started", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.json().getString("status"));
    }

    /** Every operation of SPEC §4–§10, as the document must name it. */
    private static final Map<String, List<String>> SPEC_OPERATIONS = Map.ofEntries(
            Map.entry("/api/me", List.of("get", "patch")),
            Map.entry("/api/profiles/avatar/upload-url", List.of("post")),
            Map.entry("/api/groups", List.of("get", "post")),
            Map.entry("/api/groups/{id}", List.of("get")),
            Map.entry("/api/groups/{id}:clone", List.of("post")),
            Map.entry("/api/groups/{id}:invite", List.of("post")),
            Map.entry("/api/groups/{id}/members", List.of("get", "post")),
            Map.entry("/api/groups/{id}/members/{userId}", List.of("patch", "delete")),
            Map.entry("/api/groups/{id}/progress/current", List.of("get")),
            Map.entry("/api/invites/{id}:accept", List.of("post")),
            Map.entry("/api/invites/{id}:decline", List.of("post")),
            Map.entry("/api/notifications", List.of("get")),
            Map.entry("/api/notifications/{id}:read", List.of("post")),
            Map.entry("/api/sessions", List.of("post")),
            Map.entry("/api/sessions/{id}", List.of("get")),
            Map.entry("/api/sessions/{id}/participants", List.of("get")),
            Map.entry("/api/sessions/{id}/logs", List.of("post")),
            Map.entry("/api/sessions/{id}:start", List.of("post")),
            Map.entry("/api/sessions/{id}:pause", List.of("post")),
            Map.entry("/api/sessions/{id}:resume", List.of("post")),
            Map.entry("/api/sessions/{id}:stop", List.of("post")),
            Map.entry("/api/sessions/{id}:join", List.of("post")),
            Map.entry("/api/sessions/{id}:leave", List.of("post")),
            Map.entry("/api/maintenance/archive-expired-groups", List.of("post")),
            Map.entry("/health/live", List.of("get")),
            Map.entry("/health/ready", List.of("get")),
            Map.entry("/health/started", List.of("get")));

    @Test
    void theOpenApiDocumentDescribesEveryOperationAndItsErrors() {
        Api.Reply reply = Api.get("/openapi?format=JSON", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject paths = reply.json().getJsonObject("paths");
        SPEC_OPERATIONS.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), () -> path + " is documented");
            methods.forEach(method -> {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                assertNotNull(operation, () -> method + " " + path + " is documented");
                assertTrue(operation.getJsonObject("responses").keySet().stream().anyMatch(s -> s.startsWith("4"))
                        || path.startsWith("/health"), () -> method + " " + path + " documents its errors");
            });
        });
        assertTrue(reply.json().getJsonObject("components").getJsonObject("schemas").containsKey("Problem"),
                "the problem+json shape is documented");
        assertEquals(200, Api.get("/openapi/ui/", null).status());
    }
}
