package app.lockin.it;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParsingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §16 in CI: 12,000 malformed requests generated from the OpenAPI document over every
 * {@code /api} operation — wrong types, huge strings and numbers, control characters, bad UUIDs
 * and timestamps, duplicate keys, deep nesting, unknown fields, odd content types, methods and
 * tokens — and not one answer may be a 5xx, a 4xx that is not problem+json with a {@code code},
 * or a body that shows a stack frame, SQL or a class name.
 *
 * <p>The generator is seeded ({@code -Dlockin.fuzz.seed=…} replays a run; the seed of each run is
 * printed), so a failure names the exact request that broke the rule.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final int REQUESTS = 12_000;
    private static final int IN_FLIGHT = 16;
    /** What must never reach a client: stack frames, SQL, Java and server names. */
    private static final Pattern LEAK = Pattern.compile(
            "(?i)(\\bat [a-z]+\\.[a-z]+\\.|exception|\\bselect\\b.*\\bfrom\\b|\\binsert into\\b|\\bupdate \\w+ set\\b|"
                    + "psql|hibernate|org\\.postgresql|java\\.|jakarta\\.|com\\.ibm|app\\.lockin|websphere|liberty|SRVE\\d|CWW)");
    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT", "BREW", "OPTIONS", "HEAD", "TRACE"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1",
            "application/problem+json", "multipart/form-data; boundary=x", "application/json;;", "*/*", ""};
    private static final String[] ACCEPTS = {null, null, "application/json", "text/html", "application/xml",
            "text/event-stream", "*/*;q=0", "garbage"};

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** The fuzz user writes far more than a person may (SPEC §15): without this, most bodies would meet a 429 first. */
    @BeforeAll
    static void liftTheRateLimits() {
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "1000000");
        TestEnvironment.setServerVariable("LOCKIN_RATE_INVITES_PER_HOUR", "1000000");
    }

    @AfterAll
    static void restoreTheRateLimits() {
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "120");
        TestEnvironment.setServerVariable("LOCKIN_RATE_INVITES_PER_HOUR", "50");
    }

    @Test
    void malformedRequestsNeverBreakTheErrorContract() throws Exception {
        long seed = Long.getLong("lockin.fuzz.seed", System.nanoTime());
        System.out.println("FuzzIT seed " + seed + " (replay with -Dlockin.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Endpoint> endpoints = endpoints();
        Resources real = Resources.create();

        Semaphore slots = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<String> breaches = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Probe probe = Probe.of(endpoint, real, random);
            slots.acquire();
            all.add(Api.CLIENT.sendAsync(probe.request(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        slots.release();
                        if (failure != null) {
                            breaches.add(probe + " -> no answer: " + failure);
                            return;
                        }
                        byStatus.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        String breach = breach(response);
                        if (breach != null) {
                            breaches.add(probe + " -> " + response.statusCode() + " " + breach + ": "
                                    + response.body().substring(0, Math.min(300, response.body().length())));
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("FuzzIT: %d requests over %d operations in %d s; answers by status %s%n", REQUESTS,
                endpoints.size(), took.toSeconds(), new TreeMap<>(byStatus));
        assertEquals(List.of(), breaches.stream().limit(20).toList(), breaches.size() + " breaches, the first 20 shown");
        assertTrue(byStatus.keySet().stream().anyMatch(s -> s < 300), "some requests were good enough to succeed");
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String breach(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return "a server error";
        }
        if (LEAK.matcher(body).find() && status >= 400) {
            return "a leak";
        }
        if (status < 400 || response.request().method().equals("HEAD")) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "not problem+json (" + type + ")";
        }
        try {
            JsonObject problem = Json.createReader(new StringReader(body)).readObject();
            return problem.get("code") instanceof JsonString ? null : "no code";
        } catch (JsonParsingException | ClassCastException e) {
            return "not JSON";
        }
    }

    /** One documented operation: method, path template, and the properties of its body, if any. */
    record Endpoint(String method, String path, Map<String, Schema<?>> bodyProperties, List<String> queryNames) {
    }

    private static List<Endpoint> endpoints() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI document = new OpenAPIV3Parser().read(Path.of(System.getProperty("lockin.test.openapi")).toUri().toString(),
                null, options);
        List<Endpoint> endpoints = new ArrayList<>();
        document.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> endpoints.add(new Endpoint(method.name(), path,
                    bodyProperties(operation), queryNames(operation, item))));
        });
        return endpoints;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Schema<?>> bodyProperties(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || operation.getRequestBody().getContent().get("application/json") == null) {
            return Map.of();
        }
        Schema schema = operation.getRequestBody().getContent().get("application/json").getSchema();
        Map<String, Schema<?>> properties = new TreeMap<>();
        if (schema != null && schema.getProperties() != null) {
            properties.putAll(schema.getProperties());
        }
        return properties;
    }

    private static List<String> queryNames(Operation operation, PathItem item) {
        List<String> names = new ArrayList<>();
        for (List<Parameter> parameters : new ArrayList<>(java.util.Arrays.asList(operation.getParameters(), item.getParameters()))) {
            if (parameters != null) {
                parameters.stream().filter(p -> "query".equals(p.getIn())).forEach(p -> names.add(p.getName()));
            }
        }
        return names;
    }

    /** Ids that exist, so that requests get past the 404s to the bodies and the business rules. */
    record Resources(TestUser owner, UUID group, UUID member, UUID session, UUID notification, String linkCode) {
        static Resources create() {
            TestUser owner = TestUser.named("Fay Fuzz");
            TestUser member = TestUser.named("Max Mutant");
            UUID group = Fixtures.groupId(owner);
            UUID session = UUID.fromString(owner.post("/api/sessions", "{\"group_id\":\"" + group + "\"}").json().getString("id"));
            owner.post("/api/groups/" + group + ":invite", "{\"recipient_id\":\"" + member.id() + "\"}");
            UUID notification = UUID.fromString(member.get("/api/notifications").json().getJsonArray("items")
                    .getJsonObject(0).getString("id"));
            String link = owner.post("/api/groups/" + group + "/invite-links", "{}").json().getString("code");
            return new Resources(owner, group, member.id(), session, notification, link);
        }

        UUID anyId(Random random) {
            UUID[] ids = {group, member, session, notification, owner.id()};
            return ids[random.nextInt(ids.length)];
        }
    }

    /** One generated request; its text names it in a breach report. */
    record Probe(String method, String uri, String contentType, String accept, String body, String authorization) {

        static Probe of(Endpoint endpoint, Resources real, Random random) {
            String method = random.nextInt(5) == 0 ? METHODS[random.nextInt(METHODS.length)] : endpoint.method();
            String path = endpoint.path();
            boolean stream = path.endsWith("/events");
            for (String placeholder : new String[] {"{id}", "{userId}", "{logId}"}) {
                // a live stream that opens stays open: those paths only get ids that cannot open one
                path = path.replace(placeholder, stream ? junkId(random) : pathId(real, random));
            }
            path = path.replace("{code}", random.nextBoolean() ? real.linkCode() : junkId(random));
            String uri = path + query(endpoint, random);

            String body = endpoint.bodyProperties().isEmpty() && random.nextInt(3) > 0 ? null : body(endpoint, real, random);
            String contentType = body == null ? null : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            String authorization = authorization(real, random, stream);
            if (method.equals("DELETE") && uri.startsWith("/api/me") && random.nextInt(5) > 0) {
                // mostly someone else's account, so the fuzz user's groups and sessions live on
                authorization = "Bearer " + Tokens.newUser();
            }
            return new Probe(method, uri, contentType, ACCEPTS[random.nextInt(ACCEPTS.length)], body, authorization);
        }

        HttpRequest request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + uri))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (contentType != null && !contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request.build();
        }

        @Override
        public String toString() {
            return method + " " + uri + " [" + contentType + ", accept " + accept + "] "
                    + (body == null ? "" : body.substring(0, Math.min(200, body.length())));
        }

        private static String pathId(Resources real, Random random) {
            return random.nextInt(3) > 0 ? real.anyId(random).toString() : junkId(random);
        }

        private static String junkId(Random random) {
            String[] junk = {UUID.randomUUID().toString(), "abc", "1", "-1", "%27%20or%201=1--", "..",
                    "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString().toUpperCase(Locale.ROOT),
                    UUID.randomUUID().toString().replace("-", ""), "x".repeat(3000), "%E2%80%AE", "%F0%9F%92%A9",
                    "%7Bid%7D", "null", "9999999999999999999999"};
            return junk[random.nextInt(junk.length)];
        }

        private static String query(Endpoint endpoint, Random random) {
            if (endpoint.queryNames().isEmpty() || random.nextBoolean()) {
                return random.nextInt(10) == 0 ? "?" + enc(text(random)) + "=" + enc(text(random)) : "";
            }
            StringBuilder query = new StringBuilder("?");
            for (String name : endpoint.queryNames()) {
                if (random.nextBoolean()) {
                    query.append(name).append('=').append(enc(scalarText(random))).append('&');
                }
            }
            return query.toString();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private static String authorization(Resources real, Random random, boolean stream) {
            return switch (stream ? 1 + random.nextInt(4) : random.nextInt(12)) {
                case 1 -> null;
                case 2 -> "Bearer " + text(random).replaceAll("[^\\x21-\\x7e]", "A"); // headers are ASCII
                case 3 -> "Basic dXNlcjpwYXNz";
                case 4 -> "Bearer " + real.owner().token().substring(0, real.owner().token().length() - 3) + "AAA";
                default -> "Bearer " + real.owner().token();
            };
        }

        /** The operation's body with one or more fields broken, or a body that is no object at all. */
        private static String body(Endpoint endpoint, Resources real, Random random) {
            switch (random.nextInt(14)) {
                case 0:
                    return "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(3));
                case 1:
                    return "{\"a\":".repeat(1 + random.nextInt(3000)) + "1" + "}".repeat(random.nextInt(3000));
                case 2:
                    return text(random);
                case 3:
                    return "";
                case 4:
                    return "x".repeat(60_000 + random.nextInt(20_000));
                default:
                    break;
            }
            Map<String, String> fields = new TreeMap<>();
            endpoint.bodyProperties().forEach((name, schema) -> {
                if (random.nextInt(4) > 0) {
                    fields.put(name, random.nextInt(3) == 0 ? value(random) : plausible(schema, real, random));
                }
            });
            if (random.nextInt(5) == 0) {
                fields.put(text(random).replace("\"", ""), value(random)); // an unknown field
            }
            StringBuilder json = new StringBuilder("{");
            fields.forEach((name, value) -> json.append('"').append(name).append("\":").append(value).append(','));
            if (!fields.isEmpty() && random.nextInt(6) == 0) {
                String duplicate = fields.keySet().iterator().next();
                json.append('"').append(duplicate).append("\":").append(value(random)).append(',');
            }
            if (json.length() > 1) {
                json.setLength(json.length() - 1);
            }
            json.append('}');
            return random.nextInt(15) == 0 ? json.substring(0, random.nextInt(json.length())) : json.toString();
        }

        /** A value of the right type, so that the other, broken fields are what gets refused. */
        private static String plausible(Schema<?> schema, Resources real, Random random) {
            String type = schema.getType() == null ? "string" : schema.getType();
            if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                return quote(String.valueOf(schema.getEnum().get(random.nextInt(schema.getEnum().size()))));
            }
            return switch (type) {
                case "integer" -> String.valueOf(random.nextInt(200));
                case "number" -> String.valueOf(random.nextDouble() * 100);
                case "boolean" -> String.valueOf(random.nextBoolean());
                default -> {
                    if ("uuid".equals(schema.getFormat())) {
                        yield quote(real.anyId(random).toString());
                    }
                    if ("date-time".equals(schema.getFormat())) {
                        yield quote(java.time.Instant.now().plusSeconds(random.nextInt(200_000) - 100_000L).toString());
                    }
                    yield quote("Fuzz " + random.nextInt(1000));
                }
            };
        }

        private static final List<Function<Random, String>> VALUES = List.of(
                r -> "null", r -> "true", r -> "[]", r -> "{}", r -> "[1,2,3]", r -> "{\"nested\":{\"deeper\":[null]}}",
                r -> String.valueOf(r.nextLong()), r -> "1e309", r -> "-1e309", r -> "1.5", r -> "-0", r -> "9".repeat(400),
                r -> "0.0000000000000000000000000000001", r -> "NaN", r -> "Infinity",
                r -> quote(scalarText(r)), r -> quote("x".repeat(r.nextInt(70_000))), r -> quote(text(r)),
                r -> quote("2026-02-30T25:61:00Z"), r -> quote("2026-01-01"), r -> quote("0000-00-00T00:00:00Z"),
                r -> quote("+275760-09-13T00:00:00Z"), r -> quote(UUID.randomUUID().toString()), r -> quote("not-a-uuid"),
                r -> "\"\\u0000\\u0007\\u001b[31m\"", r -> "\"\\ud800\"", r -> "\"unterminated");

        private static String value(Random random) {
            return VALUES.get(random.nextInt(VALUES.size())).apply(random);
        }

        private static String scalarText(Random random) {
            String[] scalars = {"", " ", "-1", "0", "101", "99999999999999999999", "abc", "true", "null", "active",
                    "ARCHIVED", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00Z", UUID.randomUUID().toString(), "\u0000",
                    "%00", "'; drop table groups; --", "\u202e\u0301", "🙂".repeat(50), "x".repeat(5000)};
            return scalars[random.nextInt(scalars.length)];
        }

        private static String text(Random random) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                text.appendCodePoint(kind == 0 ? random.nextInt(32) : kind == 1 ? 0x1F600 + random.nextInt(50)
                        : kind == 2 ? 0x300 + random.nextInt(100) : 32 + random.nextInt(95));
            }
            return text.toString();
        }

        private static String quote(String s) {
            StringBuilder q = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    q.append('\\').append(c);
                } else if (c < 0x20) {
                    q.append(String.format("\\u%04x", (int) c));
                } else {
                    q.append(c);
                }
            }
            return q.append('"').toString();
        }
    }
}
