package app.lockin.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Prints a development access token shaped like Cognito's, signed by the local development key:
 * {@code mvn -q -pl liberty exec:java@dev-token -Dsub=alice [-Dgroups=lockin-admin] [-Dname=Alice]
 * [-Demail=alice@example.com] [-Dminutes=60]}.
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) throws IOException, JOSEException {
        String sub = System.getProperty("sub", "dev-user");
        List<String> groups = Arrays.stream(System.getProperty("groups", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        long minutes = Long.parseLong(System.getProperty("minutes", "60"));
        System.out.println(token(sub, groups, System.getProperty("name"), System.getProperty("email"),
                Duration.ofMinutes(minutes)));
    }

    static String token(String sub, List<String> groups, String name, String email, Duration lifetime)
            throws IOException, JOSEException {
        RSAKey key = DevKeys.signingKey();
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(DevKeys.ISSUER)
                .subject(sub)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("token_use", "access")
                .claim("client_id", DevKeys.CLIENT_ID)
                .claim("username", sub)
                .claim("scope", "aws.cognito.signin.user.admin");
        if (!groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        if (name != null) {
            claims.claim("name", name);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
