package app.lockin.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §2: which tokens are accepted, which are refused, and first-call provisioning. */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aValidAccessTokenGetsTheCallersProfile() {
        String sub = "user-" + UUID.randomUUID();
        Api.Reply reply = Api.get("/api/me", Tokens.access(sub));
        assertEquals(200, reply.status(), reply::toString);
        JsonObject me = reply.json();
        assertNotNull(UUID.fromString(me.getString("id")));
        assertEquals(me.getString("id"), Api.get("/api/me", Tokens.access(sub)).json().getString("id"),
                "the same identity maps to the same profile");
        assertEquals(1, profilesOf(sub));
    }

    @Test
    void noTokenIsRefusedWithABearerChallenge() {
        assertRefused(Api.get("/api/me", null));
    }

    @Test
    void garbageIsRefused() {
        assertRefused(Api.get("/api/me", "not-a-jwt"));
        assertRefused(Api.get("/api/me", "a.b.c"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        // same kid as the trusted key, so only the signature can tell them apart
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(TestEnvironment.signingKey().getKeyID()).generate();
        assertRefused(Api.get("/api/me", Tokens.sign(Tokens.claims("mallory").build(), impostor)));
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        assertRefused(Api.get("/api/me", Tokens.sign(Tokens.claims("mallory").build(), unknown)));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(Tokens.claims("mallory").build().toString()).toString();
        assertRefused(Api.get("/api/me", header + "." + payload + "."));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = TestEnvironment.signingKey().toRSAPublicKey().getEncoded();
        String token = Tokens.sign(Tokens.claims("mallory").build(), new MACSigner(publicKey),
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestEnvironment.signingKey().getKeyID()).build());
        assertRefused(Api.get("/api/me", token));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minus(2, ChronoUnit.HOURS);
        assertRefused(Api.get("/api/me", Tokens.with("late-" + UUID.randomUUID(), c -> c
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(1, ChronoUnit.HOURS))))));
    }

    @Test
    void anotherIssuerIsRefused() {
        assertRefused(Api.get("/api/me", Tokens.with("x-" + UUID.randomUUID(),
                c -> c.issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other"))));
        assertRefused(Api.get("/api/me", Tokens.with("x-" + UUID.randomUUID(), c -> c.issuer(TestEnvironment.ISSUER + "/"))));
    }

    @Test
    void anIdTokenIsRefusedWhereAccessTokensAreConfigured() {
        String sub = "id-" + UUID.randomUUID();
        assertRefused(Api.get("/api/me", Tokens.with(sub, c -> c.claim("token_use", "id")
                .claim("client_id", null).audience(TestEnvironment.CLIENT_ID))));
        assertRefused(Api.get("/api/me", Tokens.with(sub, c -> c.claim("token_use", null))));
        assertEquals(0, profilesOf(sub), "a refused token creates nothing");
    }

    @Test
    void anUnknownAppClientIsRefused() {
        String sub = "client-" + UUID.randomUUID();
        assertRefused(Api.get("/api/me", Tokens.with(sub, c -> c.claim("client_id", "someone-elses-app"))));
        assertRefused(Api.get("/api/me", Tokens.with(sub, c -> c.claim("client_id", null))));
        assertEquals(200, Api.get("/api/me", Tokens.with(sub,
                c -> c.claim("client_id", TestEnvironment.OTHER_CLIENT_ID))).status(), "every configured client is accepted");
    }

    @Test
    void aClientIdThatIsNotAStringIsRefused() {
        String sub = "client-shape-" + UUID.randomUUID();
        assertRefused(Api.get("/api/me", Tokens.with(sub, c -> c.claim("client_id", List.of(TestEnvironment.CLIENT_ID)))));
        assertEquals(0, profilesOf(sub), "a refused token creates nothing");
    }

    @Test
    void aSignatureInStandardBase64WithPaddingIsRefused() {
        String token = Tokens.newUser();
        assertEquals(200, Api.get("/api/me", token).status(), "the token itself is good");
        int dot = token.lastIndexOf('.');
        String padded = token.substring(0, dot + 1)
                + java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        assertTrue(padded.endsWith("="), "RS256 signatures are 256 bytes: standard base64 pads them");
        assertRefused(Api.get("/api/me", padded));
    }

    @Test
    void theDisplayNameComesFromTheFirstPresentNameClaim() {
        assertEquals("Ann Smith", nameFor(c -> c.claim("name", "Ann Smith").claim("preferred_username", "ann")));
        assertEquals("ann", nameFor(c -> c.claim("preferred_username", "ann").claim("cognito:username", "a1")));
        assertEquals("a1", nameFor(c -> c.claim("cognito:username", "a1")));
        assertEquals("LockIN user", nameFor(c -> c.claim("username", null)));
    }

    @Test
    void theEmailClaimSeedsTheProfile() {
        String email = "Someone." + UUID.randomUUID() + "@Example.com";
        JsonObject me = Api.get("/api/me", Tokens.with("mail-" + UUID.randomUUID(), c -> c.claim("email", email))).json();
        assertEquals(email, me.getString("email"));
        JsonObject second = Api.get("/api/me", Tokens.with("mail-" + UUID.randomUUID(),
                c -> c.claim("email", email.toLowerCase()))).json();
        assertTrue(second.isNull("email"), "an email already taken (case-insensitively) is not given to a second profile");
    }

    @Test
    void concurrentFirstCallsCreateExactlyOneProfile() throws Exception {
        String sub = "race-" + UUID.randomUUID();
        String token = Tokens.access(sub);
        int callers = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Api.Reply> call = () -> {
                    start.await();
                    return Api.get("/api/me", token);
                };
                replies.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = replies.stream().map(AuthenticationIT::await).peek(r -> assertEquals(200, r.status(), r::toString))
                    .map(r -> r.json().getString("id")).collect(Collectors.toSet());
            assertEquals(1, ids.size(), "every caller sees the same profile");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, profilesOf(sub));
    }

    private static String nameFor(java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> claims) {
        Api.Reply reply = Api.get("/api/me", Tokens.with("named-" + UUID.randomUUID(), claims));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getString("display_name");
    }

    private static void assertRefused(Api.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("unauthorized", reply.code());
        assertTrue(String.valueOf(reply.header("WWW-Authenticate")).startsWith("Bearer"), "WWW-Authenticate: Bearer");
        assertEquals(401, reply.json().getInt("status"));
    }

    private static Api.Reply await(Future<Api.Reply> reply) {
        try {
            return reply.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Profiles reachable from this subject's identities, counted in the database itself. */
    static int profilesOf(String sub) {
        try (Connection c = TestEnvironment.database().connect();
             PreparedStatement s = c.prepareStatement(
                     "select count(distinct p.id) from profiles p join auth_identities a on a.profile_id = p.id where a.subject = ?")) {
            s.setString(1, sub);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
