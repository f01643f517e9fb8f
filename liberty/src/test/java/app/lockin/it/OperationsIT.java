package app.lockin.it;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    void everyAnswerSaysNoSniffAndApiAnswersAreNeverStored() {
        String token = Tokens.newUser();
        for (Api.Reply reply : List.of(Api.get("/health/live", null), Api.get("/openapi", null),
                Api.get("/no-such-page", null), Api.get("/api/me", token), Api.get("/api/me", null),
                Api.get("/api/no-such-thing", token))) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply::toString);
        }
        for (Api.Reply reply : List.of(Api.get("/api/me", token), Api.get("/api/me", null),
                Api.get("/api/no-such-thing", token), Api.delete("/api/me", token),
                Api.post("/api/groups", token, "{\"name\":"))) {
            assertEquals("no-store", reply.header("Cache-Control"), () -> "Cache-Control of " + reply);
        }
    }

    @Test
    void startedIsPublicAndUp() {
        Api.Reply reply = Api.get("/health/started", null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.json().getString("status"));
    }

    /**
     * The document the server publishes is the one the build checks: lockin-web's
     * OpenApiDriftTest holds openapi.yaml to the resource methods (every operation, its 4xx
     * problem answers, the Problem shape and codes), every reply here is validated against it
     * (ContractCheck), and this proves that /openapi serves that same document: the same
     * operations with the same answers, the same schemas, the same problem codes.
     */
    @Test
    void theServedOpenApiDocumentIsTheCheckedOne() {
        Api.Reply reply = Api.get("/openapi?format=JSON", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject served = reply.json();
        OpenAPI source = new OpenAPIV3Parser().read(Path.of(System.getProperty("lockin.test.openapi")).toUri().toString());

        Map<String, Set<String>> sourceOperations = new TreeMap<>();
        source.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) ->
                sourceOperations.put(verb.name().toLowerCase(Locale.ROOT) + " " + path, operation.getResponses().keySet())));
        Map<String, Set<String>> servedOperations = new TreeMap<>();
        served.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((key, operation) -> {
            if (HTTP_METHODS.contains(key)) {
                servedOperations.put(key + " " + path, operation.asJsonObject().getJsonObject("responses").keySet());
            }
        }));
        assertEquals(sourceOperations, servedOperations, "the served operations and their answers");
        assertTrue(sourceOperations.keySet().containsAll(List.of("get /health/live", "get /health/ready", "get /health/started")));

        JsonObject schemas = served.getJsonObject("components").getJsonObject("schemas");
        assertEquals(new TreeSet<>(source.getComponents().getSchemas().keySet()), new TreeSet<>(schemas.keySet()));
        assertEquals(((Schema<?>) source.getComponents().getSchemas().get("Problem").getProperties().get("code")).getEnum(),
                schemas.getJsonObject("Problem").getJsonObject("properties").getJsonObject("code").getJsonArray("enum")
                        .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                "the problem codes");
    }

    @Test
    void theDocumentIsYamlByDefaultJsonOnRequestAndTheUiLoadsItsAssets() {
        Api.Reply yaml = Api.get("/openapi", null);
        assertEquals(200, yaml.status(), yaml::toString);
        assertTrue(yaml.header("Content-Type").startsWith("application/yaml"), yaml.header("Content-Type"));
        assertTrue(yaml.body().startsWith("openapi: 3.0.3"), "the file as written");
        Api.Reply json = Api.sendWith("GET", "/openapi", null, null, Map.of("Accept", "application/json"));
        assertEquals("3.0.3", json.json().getString("openapi"));
        assertEquals(yaml.body(), Api.get("/openapi?format=yaml", null).body());

        Api.Reply ui = Api.get("/openapi/ui/", null);
        assertEquals(200, ui.status(), ui::toString);
        assertTrue(ui.header("Content-Type").startsWith("text/html"), ui.header("Content-Type"));
        assertEquals(ui.body(), Api.get("/openapi/ui", null).body());
        java.util.regex.Matcher assets = java.util.regex.Pattern.compile("(?:href|src)=\"(/webjars/[^\"]+)\"").matcher(ui.body());
        int found = 0;
        while (assets.find()) {
            Api.Reply asset = Api.get(assets.group(1), null);
            assertEquals(200, asset.status(), assets.group(1));
            assertTrue(asset.body().length() > 10_000, assets.group(1) + " is Swagger UI's");
            found++;
        }
        assertEquals(2, found, "the page loads Swagger UI's script and style sheet: " + ui.body());
    }

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
}
