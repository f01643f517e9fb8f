package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test (left out of {@code mvn verify}): what an {@code Idempotency-Key} costs a
 * write (SPEC §15: one indexed insert before, one update after). Measures
 * {@code POST /api/sessions/{id}/logs} over real HTTP against the test server, without a key, with
 * a new key per request, and the replay of a stored key; interleaved in rounds so that both modes
 * see the same machine load. Run with
 * <pre>
 * mvn -o verify -pl liberty -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=WriteLatencyBenchmarkIT -Dlockin.benchmark=true [-Dlockin.benchmark.requests=3000]
 * </pre>
 * The report is printed and written to {@code liberty/target/write-benchmark.txt}. The replies
 * are timed with the plain HTTP client (no contract check in the measured time).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "lockin.benchmark", matches = "true")
class WriteLatencyBenchmarkIT {

    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    static final int WARM_UP = 500;
    static final int ROUND = 100;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void restore() {
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "");
        TestClock.release();
    }

    @Test
    void writeLatencyWithAndWithoutAnIdempotencyKey() throws Exception {
        int requests = Integer.getInteger("lockin.benchmark.requests", 3000);
        // the write limit is not what is measured here
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "100000000");
        TestUser user = TestUser.named("Benchmark writer");
        TestClock.pin(T0);
        UUID session = SessionCalls.personal(user.token());
        SessionCalls.ok(user.token(), session, "start");
        SessionCalls.ok(user.token(), session, "pause");
        TestClock.pin(T0.plus(Duration.ofDays(30))); // every log below lies in the past
        String path = "/api/sessions/" + session + "/logs";

        int[] next = {0}; // each log its own second: no overlap
        java.util.function.Supplier<String> body = () -> {
            Instant start = T0.plusSeconds(10L + 2L * next[0]++);
            return "{\"started_at\":\"" + start + "\",\"ended_at\":\"" + start.plusSeconds(1) + "\"}";
        };
        for (int i = 0; i < WARM_UP; i++) {
            time(user.token(), path, body.get(), i % 2 == 0 ? null : UUID.randomUUID().toString());
        }
        long[] plain = new long[requests];
        long[] keyed = new long[requests];
        for (int done = 0; done < requests; done += ROUND) {
            int n = Math.min(ROUND, requests - done);
            for (int i = 0; i < n; i++) {
                plain[done + i] = time(user.token(), path, body.get(), null);
            }
            for (int i = 0; i < n; i++) {
                keyed[done + i] = time(user.token(), path, body.get(), UUID.randomUUID().toString());
            }
        }
        String replayKey = UUID.randomUUID().toString();
        String replayBody = body.get();
        time(user.token(), path, replayBody, replayKey);
        long[] replays = new long[Math.min(requests, 1000)];
        for (int i = 0; i < replays.length; i++) {
            replays[i] = time(user.token(), path, replayBody, replayKey);
        }

        String report = "Write latency: POST /api/sessions/{id}/logs over HTTP, " + requests + " requests per mode after "
                + WARM_UP + " warm-up, interleaved in rounds of " + ROUND + "\n"
                + line("without Idempotency-Key", plain)
                + line("with a new Idempotency-Key", keyed)
                + line("replay of a stored key", replays)
                + "idempotency_keys rows: " + Db.count("select count(*) from idempotency_keys") + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "write-benchmark.txt"), report);
    }

    /** One request, answered 201 (or 201 replayed); its latency in nanoseconds. */
    private static long time(String token, String path, String json, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        HttpResponse<String> reply = Api.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        assertEquals(201, reply.statusCode(), reply::body);
        return elapsed;
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format("%-28s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  mean %6.2f ms  (n=%d)%n", what,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), mean, sorted.length);
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
