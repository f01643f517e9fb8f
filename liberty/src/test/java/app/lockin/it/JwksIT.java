package app.lockin.it;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §16, JWKS amplification, against a JWKS endpoint of the test's own that counts its
 * fetches and can be made slow or broken. The server's budget runs on its clock, which the test
 * pins and moves ({@link TestClock}) instead of waiting 30 s.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksIT {

    private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
    private static final Duration FAST = Duration.ofSeconds(1);

    private static HttpServer endpoint;
    private static final AtomicInteger fetches = new AtomicInteger();
    private static final List<JWK> published = new CopyOnWriteArrayList<>();
    private static volatile Duration delay = Duration.ZERO;
    private static volatile int status = 200;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeAll
    static void publishTheIssuersKeysOverHttp() throws IOException {
        published.add(TestEnvironment.signingKey().toPublicJWK());
        endpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        endpoint.setExecutor(Executors.newCachedThreadPool());
        endpoint.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = (status == 200 ? new JWKSet(new ArrayList<>(published)).toString() : "down")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        TestClock.pin(T0);
        TestEnvironment.setServerVariable("LOCKIN_JWT_JWKS_URL",
                "http://localhost:" + endpoint.getAddress().getPort() + "/jwks.json");
    }

    @AfterAll
    static void backToTheFileKeySet() {
        TestEnvironment.setServerVariable("LOCKIN_JWT_JWKS_URL", TestEnvironment.jwksFile().toUri().toString());
        TestClock.release();
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    @Order(1)
    void aFloodOfForgedKidsCostsOneFetch() throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).generate();
        int before = fetches.get();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            RSAKey forged = new RSAKey.Builder(forger).keyID("forged-" + UUID.randomUUID()).build();
            String token = Tokens.sign(Tokens.claims("user-" + UUID.randomUUID()).build(), forged);
            answers.add(senders.submit(() -> Api.get("/api/me", token).status()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(401, answer.get());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        senders.shutdown();
        int fetched = fetches.get() - before;
        System.out.printf("JWKS flood: 1000 tokens with forged kids in %d ms -> %d JWKS fetch(es)%n", took.toMillis(), fetched);
        assertTrue(fetched <= 1, "at most one fetch per 30 s: " + fetched);
        assertEquals(200, TestUser.named("Kay Known").get("/api/me").status(), "known keys keep working");
    }

    @Test
    @Order(2)
    void aRotatedKeyIsAcceptedOnceTheBudgetAllowsAFetch() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("rotated-" + UUID.randomUUID()).generate();
        published.add(rotated.toPublicJWK());
        String token = Tokens.sign(Tokens.claims("user-" + UUID.randomUUID()).build(), rotated);
        int before = fetches.get();

        assertEquals(401, Api.get("/api/me", token).status(), "not fetched yet: the budget of this 30 s is spent");
        assertEquals(before, fetches.get(), "and no fetch while it is");

        TestClock.pin(T0.plusSeconds(31));
        assertEquals(200, awaitStatus(token, 200, Duration.ofSeconds(10)), "accepted once the budget allows a fetch");
        assertEquals(before + 1, fetches.get());
    }

    @Test
    @Order(3)
    void aSlowEndpointNeverHoldsARequestWhoseKeyIsCached() throws Exception {
        TestUser known = TestUser.named("Sam Slow");
        delay = Duration.ofSeconds(5);
        try {
            TestClock.pin(T0.plusSeconds(62));
            String forged = Tokens.sign(Tokens.claims("user-" + UUID.randomUUID()).build(),
                    new RSAKeyGenerator(2048).keyID("forged-slow").generate());
            long start = System.nanoTime();
            assertEquals(401, Api.get("/api/me", forged).status()); // starts a 5 s fetch
            assertEquals(200, known.get("/api/me").status());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(FAST) < 0, "neither waited for the slow endpoint: " + took);
        } finally {
            delay = Duration.ZERO;
        }
    }

    @Test
    @Order(4)
    void cachedKeysStayUsableWhileTheEndpointIsDown() throws Exception {
        TestUser known = TestUser.named("Dee Down");
        status = 503;
        try {
            int before = fetches.get();
            TestClock.pin(T0.plusSeconds(100));
            String forged = Tokens.sign(Tokens.claims("user-" + UUID.randomUUID()).build(),
                    new RSAKeyGenerator(2048).keyID("forged-down").generate());
            assertEquals(401, Api.get("/api/me", forged).status());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fetches.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(before + 1, fetches.get(), "the failed fetch happened");
            Thread.sleep(200); // and its failure was handled
            assertEquals(200, known.get("/api/me").status(), "the keys fetched before still verify");
            assertEquals(200, Api.get("/api/me", Tokens.newUser()).status(), "for new callers too");
        } finally {
            status = 200;
        }
    }

    private static int awaitStatus(String token, int expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = Api.get("/api/me", token).status();
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = Api.get("/api/me", token).status();
        }
        return seen;
    }
}
