package app.lockin.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        Api.Reply reply = Api.send("GET", "/openapi", null, null, null);
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.body().contains("/api/me"), "documents /api/me");
        assertTrue(reply.body().contains("Problem"), "documents the problem+json errors");
        assertEquals(200, Api.get("/openapi/ui/", null).status());
    }
}
