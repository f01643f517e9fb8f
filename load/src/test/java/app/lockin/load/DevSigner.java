package app.lockin.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens of the local development issuer, shaped and signed as
 * {@code app.lockin.dev.DevToken} makes them, with the private key the run command keeps under
 * {@code $LOCKIN_HOME/dev-jwt} (so the benchmark needs a server started without
 * {@code LOCKIN_JWT_ISSUER}: the development issuer).
 */
final class DevSigner {

    static final String ISSUER = "urn:lockin:dev";
    private static final String CLIENT_ID = "lockin-dev-client";

    private final RSAKey key;
    private final RSASSASigner signer;

    private DevSigner(RSAKey key) throws JOSEException {
        this.key = key;
        this.signer = new RSASSASigner(key);
    }

    static DevSigner load(Path lockinHome) {
        Path file = lockinHome.resolve("dev-jwt").resolve("private-key.jwk.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no development key at " + file
                    + ": start the server with the run command (mvn -Prun install) first, with the same LOCKIN_HOME");
        }
        try {
            return new DevSigner(RSAKey.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unusable development key " + file, e);
        }
    }

    String token(String sub, String name, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(sub)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("token_use", "access")
                .claim("client_id", CLIENT_ID)
                .claim("username", sub)
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("name", name)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
