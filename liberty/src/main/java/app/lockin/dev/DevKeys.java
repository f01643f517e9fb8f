package app.lockin.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The local development issuer's key pair (SPEC §2): generated on first use under
 * {@code $LOCKIN_HOME/dev-jwt} (default {@code ~/.lockin}), never in the repository. The server
 * trusts its public half ({@code jwks.json}) when no issuer is configured.
 */
final class DevKeys {

    static final String ISSUER = "urn:lockin:dev";
    static final String CLIENT_ID = "lockin-dev-client";

    private DevKeys() {
    }

    static Path home() {
        String configured = System.getenv("LOCKIN_HOME");
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".lockin") : Path.of(configured);
    }

    static Path jwksFile() {
        return home().resolve("dev-jwt").resolve("jwks.json");
    }

    /** The private key, created together with {@code jwks.json} when missing. */
    static synchronized RSAKey signingKey() throws IOException {
        Path dir = jwksFile().getParent();
        Path privateKey = dir.resolve("private-key.jwk.json");
        try {
            if (Files.exists(privateKey) && Files.exists(jwksFile())) {
                return RSAKey.parse(Files.readString(privateKey));
            }
            Files.createDirectories(dir);
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID("lockin-dev-" + UUID.randomUUID()).generate();
            Files.writeString(privateKey, key.toJSONString());
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder is the user's own
            }
            Files.writeString(jwksFile(), new JWKSet(key.toPublicJWK()).toString());
            System.out.println("[lockin] generated the development JWT key pair in " + dir);
            return key;
        } catch (ParseException | JOSEException e) {
            throw new IOException("unusable development key in " + dir + "; delete the folder to regenerate", e);
        }
    }
}
