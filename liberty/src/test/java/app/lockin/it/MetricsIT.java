package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §17 metrics: {@code GET /metrics} answers Prometheus text, publicly unless {@code
 * LOCKIN_METRICS_TOKEN} is set, with the §16 headers,
 * and its figures move with what the server does: requests by endpoint template (never a raw id)
 * and status class, as a histogram; the connection pool; open event streams; running sessions;
 * archival runs; idempotent replays; rate-limit refusals.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final String REQUESTS = "lockin_http_requests_seconds_count";
    private static final String PROGRESS = "/api/groups/{id}/progress/current";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void metricsArePrometheusTextPublicAndCarryTheSecurityHeaders() {
        HttpResponse<String> metrics = scrape();
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                () -> metrics.headers().toString());
        assertEquals("nosniff", metrics.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-store", metrics.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(metrics.body().contains("# TYPE "), "Prometheus exposition format");
    }

    @Test
    void requestsAreCountedByEndpointTemplateMethodAndStatusClassWithAHistogram() {
        TestUser owner = TestUser.named("Metrics");
        UUID group = Fixtures.groupId(owner);
        UUID unknown = UUID.randomUUID();
        Map<String, String> ok = Map.of("endpoint", PROGRESS, "method", "GET", "status", "2xx");
        Map<String, String> notFound = Map.of("endpoint", PROGRESS, "method", "GET", "status", "4xx");
        String before = scrape().body();

        assertEquals(200, owner.get("/api/groups/" + group + "/progress/current").status());
        assertEquals(200, owner.get("/api/groups/" + group + "/progress/current").status());
        assertEquals(404, owner.get("/api/groups/" + unknown + "/progress/current").status());

        String after = scrape().body();
        assertEquals(2, value(after, REQUESTS, ok) - valueOrZero(before, REQUESTS, ok), 0.0);
        assertEquals(1, value(after, REQUESTS, notFound) - valueOrZero(before, REQUESTS, notFound), 0.0);
        Map<String, String> bucket = new TreeMap<>(ok);
        bucket.put("le", "+Inf");
        assertEquals(value(after, REQUESTS, ok), value(after, "lockin_http_requests_seconds_bucket", bucket), 0.0,
                "the histogram's last bucket holds every request");
        bucket.put("le", "0.005");
        value(after, "lockin_http_requests_seconds_bucket", bucket); // the configured buckets are there
        assertFalse(after.contains(group.toString()) || after.contains(unknown.toString()), "no raw id in a label");
    }

    @Test
    void aConfiguredTokenProtectsTheMetrics() {
        TestEnvironment.setServerVariable("LOCKIN_METRICS_TOKEN", "metrics-secret");
        try {
            for (String authorization : new String[] {null, "Bearer wrong", "Basic bWV0cmljcy1zZWNyZXQ=", "Bearer metrics-secre"}) {
                HttpResponse<String> refused = scrape(authorization);
                assertEquals(401, refused.statusCode(), authorization);
                assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertTrue(refused.body().contains("\"code\":\"unauthorized\""), refused.body());
                assertFalse(refused.body().contains("# TYPE"), "no figure leaks with the refusal");
            }
            HttpResponse<String> allowed = scrape("Bearer metrics-secret");
            assertEquals(200, allowed.statusCode(), allowed::body);
            assertTrue(allowed.headers().firstValue("WWW-Authenticate").isEmpty(), () -> allowed.headers().toString());
            assertTrue(allowed.body().contains("# TYPE "));
        } finally {
            TestEnvironment.setServerVariable("LOCKIN_METRICS_TOKEN", "");
        }
        assertEquals(200, scrape().statusCode(), "public again once the token is unset");
    }

    @Test
    void theConnectionPoolIsMeasured() {
        Map<String, String> pool = Map.of("datasource", "jdbc/lockin");
        double held = valueOrZero(scrape().body(), "lockin_db_pool_in_use_seconds_total", pool);
        Api.get("/api/me", Tokens.newUser());
        String metrics = scrape().body();
        for (String name : new String[] {"lockin_db_pool_connections_managed", "lockin_db_pool_connections_free",
                "lockin_db_pool_connections_in_use", "lockin_db_pool_connections_opened_total",
                "lockin_db_pool_connections_closed_total", "lockin_db_pool_waits_total", "lockin_db_pool_wait_seconds_total"}) {
            double figure = value(metrics, name, pool);
            assertTrue(figure >= 0, () -> name + " = " + figure + " (NaN: the pool's MBean was not found)");
        }
        assertEquals(20, value(metrics, "lockin_db_pool_connections_max", pool), 0.0, "LOCKIN_DB_MAX_POOL's default");
        assertTrue(value(metrics, "lockin_db_pool_in_use_seconds_total", pool) > held, "a call holds a connection a while");
    }

    @Test
    void openStreamsAndRunningSessionsAreGauges() {
        TestUser user = TestUser.named("Metrics");
        double streams = value(scrape().body(), "lockin_live_streams_open", Map.of());
        try (EventStream stream = EventStream.open("/api/me/events", user.token())) {
            assertEquals(200, stream.status());
            stream.next(Duration.ofSeconds(10));
            assertEquals(streams + 1, value(scrape().body(), "lockin_live_streams_open", Map.of()), 0.0);
        }

        double running = value(scrape().body(), "lockin_sessions_running", Map.of());
        UUID session = SessionCalls.personal(user.token());
        SessionCalls.ok(user.token(), session, "start");
        // counted from the database every 5 s
        awaitValue("lockin_sessions_running", Map.of(), v -> v >= running + 1);
        SessionCalls.ok(user.token(), session, "stop");
    }

    @Test
    void archivalRunsIdempotentReplaysAndRateLimitRefusalsAreCounted() {
        Map<String, String> byOperator = Map.of("trigger", "operator");
        Map<String, String> writes = Map.of("limit", "writes");
        String before = scrape().body();

        assertEquals(200, Api.post("/api/maintenance/archive-expired-groups", Tokens.operator("metrics-operator"), "{}").status());

        TestUser user = TestUser.named("Metrics");
        String key = UUID.randomUUID().toString();
        Map<String, String> idempotent = Map.of("Idempotency-Key", key);
        assertEquals(200, Api.sendWith("PATCH", "/api/me", user.token(), "{\"display_name\":\"Metrics\"}", idempotent).status());
        Api.Reply replay = Api.sendWith("PATCH", "/api/me", user.token(), "{\"display_name\":\"Metrics\"}", idempotent);
        assertEquals("true", replay.header("Idempotent-Replayed"));

        TestUser busy = TestUser.named("Metrics");
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "1");
        try {
            busy.patch("/api/me", "{\"display_name\":\"One\"}");
            assertEquals(429, busy.patch("/api/me", "{\"display_name\":\"Two\"}").status());
        } finally {
            TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "");
        }

        String after = scrape().body();
        assertEquals(1, value(after, "lockin_archival_runs_total", byOperator) - valueOrZero(before, "lockin_archival_runs_total", byOperator), 0.0);
        value(after, "lockin_archival_groups_archived_total", byOperator);
        assertEquals(1, value(after, "lockin_idempotency_replays_total", Map.of()) - valueOrZero(before, "lockin_idempotency_replays_total", Map.of()), 0.0);
        assertEquals(1, value(after, "lockin_ratelimit_refusals_total", writes) - valueOrZero(before, "lockin_ratelimit_refusals_total", writes), 0.0);
    }

    static HttpResponse<String> scrape() {
        return scrape(null);
    }

    private static HttpResponse<String> scrape(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + "/metrics"))
                .header("Accept", "text/plain").timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return Api.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitValue(String name, Map<String, String> labels, DoublePredicate wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = valueOrZero(scrape().body(), name, labels);
            if (wanted.test(last)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(name + labels + " stayed at " + last);
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The sample of {@code name} whose labels include {@code labels}; 0 when there is none yet. */
    static double valueOrZero(String metrics, String name, Map<String, String> labels) {
        Double found = find(metrics, name, labels);
        return found == null ? 0 : found;
    }

    /** The sample of {@code name} whose labels include {@code labels}; fails when there is none. */
    static double value(String metrics, String name, Map<String, String> labels) {
        Double found = find(metrics, name, labels);
        if (found == null) {
            throw new AssertionError("no sample " + name + labels + " in:\n" + metrics.lines()
                    .filter(l -> l.startsWith(name.substring(0, Math.min(name.length(), 12)))).limit(60)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        return found;
    }

    private static Double find(String metrics, String name, Map<String, String> labels) {
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> present = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    present.put(label.group(1), label.group(2));
                }
            }
            if (present.entrySet().containsAll(labels.entrySet())) {
                return Double.parseDouble(sample.group(3));
            }
        }
        return null;
    }
}
