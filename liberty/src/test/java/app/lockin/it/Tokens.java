package app.lockin.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Real signed tokens shaped like Cognito's: an access token by default, signed RS256 by the test
 * issuer's key. {@link #with} changes any claim to build the refused variants.
 */
public final class Tokens {

    private Tokens() {
    }

    /** A fresh user's valid access token. */
    public static String newUser() {
        return access("user-" + UUID.randomUUID());
    }

    public static String access(String sub) {
        return sign(claims(sub).build());
    }

    public static String operator(String sub) {
        return sign(claims(sub).claim("cognito:groups", List.of("lockin-admin")).build());
    }

    /** A valid access token for {@code sub} with some claims changed. */
    public static String with(String sub, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(sub)).build());
    }

    public static JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(TestEnvironment.ISSUER)
                .subject(sub)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(1, ChronoUnit.HOURS)))
                .claim("token_use", "access")
                .claim("client_id", TestEnvironment.CLIENT_ID)
                .claim("username", sub);
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, TestEnvironment.signingKey());
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            return sign(claims, new RSASSASigner(key), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWTClaimsSet claims, JWSSigner signer, JWSHeader header) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
