package app.lockin.it;

import app.lockin.sql.TestDatabase;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SPEC §17, the packaged server: {@code liberty/target/lockin.jar} (built by {@code mvn package})
 * starts with {@code java -jar}, configured by environment variables alone, against a real
 * PostgreSQL, and accepts the issuer's tokens; its console speaks JSON with the request id when
 * {@code LOCKIN_LOG_FORMAT=json}; and SIGTERM closes its event streams with {@code retry: 1000},
 * refuses new connections, lets a request in flight finish and ends the process with status 0.
 *
 * <p>Runs in failsafe's second execution, after the Arquillian server has stopped (the adapter
 * refuses to start beside another Liberty JVM), one jar start for every check.
 */
class RunnableJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Process server;
    private static Path console;
    private static String baseUrl;
    private static int port;
    private static RSAKey key;
    private static TestDatabase database;

    @BeforeAll
    static void startTheJar() throws Exception {
        String jar = System.getProperty("lockin.test.jar");
        assumeTrue(jar != null, "only in the runnable-jar execution");
        String chosen = System.getProperty("it.test");
        assumeTrue(chosen == null || chosen.contains("RunnableJarIT"), "another integration test was chosen");
        database = TestDatabase.freshDatabase();
        Path work = Path.of(jar).resolveSibling("jar-run");
        if (Files.exists(work)) { // an earlier run's extracted server and logs
            try (var files = Files.walk(work)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(work);
        key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("jar-key").generate();
        Path jwks = Files.writeString(work.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        port = TestEnvironment.freePort();
        baseUrl = "http://localhost:" + port;
        console = work.resolve("console.log");

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LOCKIN_"));
        env.putAll(Map.of(
                "WLP_JAR_EXTRACT_DIR", work.resolve("extracted").toString(),
                "LOCKIN_HTTP_PORT", Integer.toString(port),
                "LOCKIN_DB_URL", database.url(),
                "LOCKIN_DB_USER", database.user(),
                "LOCKIN_DB_PASSWORD", database.password(),
                "LOCKIN_JWT_ISSUER", TestEnvironment.ISSUER,
                "LOCKIN_JWT_JWKS_URL", jwks.toUri().toString(),
                "LOCKIN_JWT_CLIENT_IDS", TestEnvironment.CLIENT_ID,
                "LOCKIN_LOG_FORMAT", "json"));
        env.put("LOCKIN_ARCHIVE_SCHEDULE", "off");
        env.put("LOCKIN_SESSION_SWEEP_SCHEDULE", "off");
        // the request held in flight over SIGTERM waits on a table lock for longer than the default 5 s
        env.put("LOCKIN_DB_STATEMENT_TIMEOUT", "30s");
        long started = System.nanoTime();
        server = builder.start();
        awaitReady();
        System.out.printf("[RunnableJarIT] /health/ready answered 200 %d ms after java -jar%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @AfterAll
    static void stopIt() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
    }

    /**
     * One jar start for everything, in order: the jar serves (readiness; a token signed by the
     * issuer's key is accepted, one signed by another key refused; an API call whose request id
     * shows in a JSON console line), then SIGTERM while an event stream is open and a write is held
     * in flight by a table lock this test holds: the stream gets {@code retry: 1000} and closes, new
     * connections are refused, the held write still answers 201 once the lock is released, and the
     * process exits 0 (SPEC §11, §17).
     */
    @Test
    void runsFromEnvironmentVariablesLogsJsonAndStopsGracefullyOnSigterm() throws Exception {
        HttpResponse<String> ready = get("/health/ready", null, null);
        assertEquals(200, ready.statusCode(), ready::body);

        String operator = token("jar-operator", List.of("lockin-admin"));
        awaitAuthenticated(operator);
        RSAKey otherKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("jar-key").generate();
        HttpResponse<String> forged = get("/api/me", Tokens.sign(Tokens.claims("jar-operator").build(), otherKey), null);
        assertEquals(401, forged.statusCode(), "a token with the right kid signed by another key: " + forged.body());

        String requestId = "jar-" + UUID.randomUUID();
        HttpResponse<String> archived = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/maintenance/archive-expired-groups"))
                .header("Authorization", "Bearer " + operator).header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, archived.statusCode(), archived::body);
        assertEquals(requestId, archived.headers().firstValue("X-Request-Id").orElse(null));
        JsonObject line = awaitConsoleLine(requestId);
        assertEquals(requestId, line.getString("ext_requestId"), line::toString);
        assertTrue(line.getString("message").contains("archived"), line::toString);

        String writer = token("jar-writer", List.of());
        awaitAuthenticated(writer);
        try (EventStream stream = EventStream.open(baseUrl, "/api/me/events", token("jar-user", List.of()));
             Connection holder = database.connect()) {
            assertEquals(200, stream.status());
            assertEquals("inbox", stream.next(Duration.ofSeconds(10)).name());

            // a write in flight: creating a group waits on the lock this transaction holds
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE groups IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/groups"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.GroupSpec.standard().body("Held over SIGTERM")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            awaitWaitingOnGroupsLock(holder, held);

            server.destroy(); // SIGTERM
            EventStream.Event last = stream.next("shutdown", Duration.ofSeconds(10));
            assertEquals(1000, last.retry(), last::toString);
            assertTrue(stream.next(Duration.ofSeconds(10)).end(), "the stream is closed after retry: 1000");

            assertTrue(refusesConnections(Duration.ofSeconds(10)), "no new connection is taken after SIGTERM");
            Thread.sleep(1000); // the write stays held a moment after the listener closed
            assertTrue(server.isAlive(), "the server waits for the request in flight; console: " + tail());
            assertFalse(held.isDone(), "the held write is still waiting on the lock");
            holder.commit(); // releases the lock

            HttpResponse<String> created = held.get(30, TimeUnit.SECONDS);
            assertEquals(201, created.statusCode(), created::body);
        }
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server exits after SIGTERM");
        assertEquals(0, server.exitValue(), "exit status after SIGTERM; console: " + tail());
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM groups WHERE name = 'Held over SIGTERM'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "the held write committed");
        }
    }

    /** Waits until the held request's statement is queued behind the lock {@code holder} holds. */
    private static void awaitWaitingOnGroupsLock(Connection holder, CompletableFuture<HttpResponse<String>> held) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (PreparedStatement waiting = holder.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE relation = 'groups'::regclass AND NOT granted")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (held.isDone()) {
                    throw new AssertionError("the write did not wait for the lock: " + held.get().body());
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the write never waited for the groups lock");
    }

    /** True once a plain TCP connection to the server's port is refused, within {@code timeout}. */
    private static boolean refusesConnections(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // a timeout: try again
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String token(String sub, List<String> groups) {
        JWTClaimsSet.Builder claims = Tokens.claims(sub);
        if (!groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        return Tokens.sign(claims.build(), key);
    }

    private static HttpResponse<String> get(String path, String token, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Readiness does not wait for the application's first JWKS fetch (JwksMirror, on the
     * application's start), so the first call may come before the key is mirrored: retried briefly.
     */
    private static void awaitAuthenticated(String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> me = get("/api/me", token, null);
        while (me.statusCode() == 401 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            me = get("/api/me", token, null);
        }
        assertEquals(200, me.statusCode(), me::body);
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the jar exited with " + server.exitValue() + ": " + tail());
            }
            try {
                if (get("/health/ready", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the jar did not become ready: " + tail());
    }

    /** The first JSON console line that mentions {@code text}, waiting a little for it to be written. */
    private static JsonObject awaitConsoleLine(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(console, StandardCharsets.UTF_8)) {
                if (line.contains(text) && line.startsWith("{")) {
                    try (var reader = Json.createReader(new StringReader(line))) {
                        return reader.readObject();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no JSON console line with " + text + ": " + tail());
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }
}
