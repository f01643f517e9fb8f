package app.lockin.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document and the JAX-RS resources describe the same API (issue 8): every resource
 * method under {@code /api} (path template and HTTP method, from the annotations of the compiled
 * classes in {@code app.lockin.web}) is a documented operation, and every documented operation
 * under {@code /api} is a resource method. A new endpoint without documentation, a renamed path
 * parameter or a forgotten operation fails here, before any server starts.
 *
 * <p>It also holds the document to the rules every operation follows: each {@code /api}
 * operation documents its 4xx answers as problem+json, the problem shape carries every code
 * SPEC §1 names, and a success body always carries every field (SPEC §1: null, never omitted).
 * Whether the server's answers match the document is checked in the integration tests, which
 * validate every reply against it ({@code ContractCheck}).
 */
class OpenApiDriftTest {

    private static final String PROBLEM = "#/components/schemas/Problem";

    /** Every code SPEC §1 names (the document adds the ones the specification leaves open). */
    private static final List<String> SPEC_CODES = List.of("unauthorized", "forbidden", "not_found",
            "validation_failed", "unknown_field", "malformed_json", "conflict", "invalid_transition",
            "group_archived", "already_member", "invite_not_pending", "owner_cannot_leave", "log_overlap",
            "log_outside_session", "already_focusing", "invalid_avatar_url", "payload_too_large",
            "unsupported_media_type", "not_configured");

    /** The document as written ($refs kept, so that shared responses and schemas keep their names). */
    private static OpenAPI document;
    /** The same document with every $ref inlined. */
    private static OpenAPI resolved;

    @BeforeAll
    static void readTheDocument() {
        document = parse(false);
        resolved = parse(true);
    }

    private static OpenAPI parse(boolean resolveFully) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(resolveFully);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
                java.nio.file.Path.of(property("lockin.openapi")).toUri().toString(), null, options);
        assertNotNull(result.getOpenAPI(), () -> "openapi.yaml does not parse: " + result.getMessages());
        assertEquals(List.of(), result.getMessages(), "openapi.yaml parses without a complaint");
        return result.getOpenAPI();
    }

    @Test
    void theDocumentedOperationsAreTheResourceMethods() throws IOException {
        Set<String> implemented = resourceOperations();
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().keySet().forEach(verb -> documented.add(verb + " " + path));
            }
        });
        assertFalse(implemented.isEmpty(), "found the resource classes in " + property("lockin.classes"));

        Set<String> undocumented = new TreeSet<>(implemented);
        undocumented.removeAll(documented);
        Set<String> unimplemented = new TreeSet<>(documented);
        unimplemented.removeAll(implemented);
        assertTrue(undocumented.isEmpty() && unimplemented.isEmpty(),
                () -> "openapi.yaml and the JAX-RS resources differ.\n  implemented, not documented: " + undocumented
                        + "\n  documented, not implemented: " + unimplemented);
    }

    @Test
    void theHealthProbesAreDocumentedAndPublic() {
        // MicroProfile Health's endpoints, not JAX-RS resources: named here (SPEC §10)
        for (String probe : List.of("/health/live", "/health/ready", "/health/started")) {
            Operation get = document.getPaths().containsKey(probe) ? document.getPaths().get(probe).getGet() : null;
            assertNotNull(get, () -> "GET " + probe + " is documented");
            assertEquals(List.of(), get.getSecurity(), () -> "GET " + probe + " needs no token");
        }
    }

    @Test
    void everyApiOperationDocumentsItsErrorsAsProblems() {
        assertTrue(document.getComponents().getSchemas().containsKey("Problem"), "the problem+json shape is documented");
        forEachApiOperation((name, operation) -> {
            Map<String, ApiResponse> errors = operation.getResponses().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("4") || e.getKey().startsWith("5"))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> named(e.getValue())));
            assertTrue(errors.keySet().stream().anyMatch(s -> s.startsWith("4")), () -> name + " documents its 4xx answers");
            assertTrue(errors.containsKey("401"), () -> name + " documents 401 (every /api call needs a token)");
            errors.forEach((status, response) -> {
                MediaType problem = response.getContent() == null ? null : response.getContent().get("application/problem+json");
                assertTrue(problem != null && PROBLEM.equals(problem.getSchema().get$ref()) && response.getContent().size() == 1,
                        () -> name + " answers " + status + " as application/problem+json with the Problem schema");
            });
        });
    }

    @Test
    void theProblemShapeCarriesEveryCodeOfTheSpecification() {
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertTrue(problem.getRequired().containsAll(List.of("type", "title", "status", "detail", "code")));
        List<?> codes = ((Schema<?>) problem.getProperties().get("code")).getEnum();
        Set<String> missing = new TreeSet<>(SPEC_CODES);
        codes.forEach(missing::remove);
        assertEquals(Set.of(), missing, "SPEC §1 codes missing from Problem.code");
    }

    /** SPEC §1 and the document's conventions: a success body never omits a field. */
    @Test
    void successBodiesRequireEveryField() {
        List<String> optional = new ArrayList<>();
        resolved.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) -> {
            if (!path.startsWith("/api/")) {
                return; // MicroProfile Health's shape is its own
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().forEach((type, media) ->
                            collectOptional(media.getSchema(), verb + " " + path + " " + status, optional, new HashSet<>()));
                }
            });
        }));
        assertEquals(List.of(), optional, "fields a success body may omit");
    }

    // ------------------------------------------------------------------------------ the document

    private static void forEachApiOperation(java.util.function.BiConsumer<String, Operation> check) {
        document.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().forEach((verb, operation) -> check.accept(verb + " " + path, operation));
            }
        });
    }

    /** A response given as {@code $ref: '#/components/responses/X'} is X. */
    private static ApiResponse named(ApiResponse response) {
        String ref = response.get$ref();
        return ref == null ? response : document.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    @SuppressWarnings("rawtypes")
    private static void collectOptional(Schema<?> schema, String where, List<String> optional, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        Map<String, Schema> properties = new java.util.LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        List<Schema> parts = new ArrayList<>(List.of(schema));
        if (schema.getAllOf() != null) {
            parts.addAll(schema.getAllOf());
        }
        for (Schema<?> part : parts) {
            if (part.getProperties() != null) {
                properties.putAll(part.getProperties());
            }
            if (part.getRequired() != null) {
                required.addAll(part.getRequired());
            }
        }
        properties.forEach((name, property) -> {
            if (!required.contains(name)) {
                optional.add(where + ": " + name);
            }
            collectOptional(property, where + " ." + name, optional, seen);
        });
        collectOptional(schema.getItems(), where + "[]", optional, seen);
    }

    // ------------------------------------------------------------------------------ the code

    /** "VERB /api/path/{param}" for every resource method of the compiled classes. */
    private static Set<String> resourceOperations() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of(property("lockin.classes"));
        List<Class<?>> types;
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes.resolve("app/lockin/web"))) {
            types = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .map(OpenApiDriftTest::load)
                    .toList();
        }
        List<String> applicationPaths = types.stream().filter(t -> t.isAnnotationPresent(ApplicationPath.class))
                .map(t -> t.getAnnotation(ApplicationPath.class).value()).toList();
        assertEquals(List.of("/api"), applicationPaths, "one JAX-RS application, under /api");

        Set<String> operations = new LinkedHashSet<>();
        types.stream().filter(t -> t.isAnnotationPresent(Path.class) && !t.isInterface())
                .forEach(t -> collect(t, join("/api", t.getAnnotation(Path.class).value()), operations, 0));
        return operations;
    }

    private static void collect(Class<?> resource, String prefix, Set<String> operations, int depth) {
        assertTrue(depth < 5, () -> "sub-resource locators nest too deep at " + prefix);
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String verb = httpMethod(method);
            String template = path == null ? prefix : join(prefix, path.value());
            if (verb != null) {
                operations.add(verb + " " + template);
            } else if (path != null) { // a sub-resource locator: its type holds the methods
                collect(method.getReturnType(), template, operations, depth + 1);
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** Path segments joined with one slash; {@code {id: regex}} becomes {@code {id}}, as OpenAPI writes it. */
    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiDriftTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, () -> name + " is set by lockin-web/pom.xml (run through Maven)");
        return value;
    }
}
