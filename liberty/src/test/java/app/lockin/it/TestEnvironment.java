package app.lockin.it;

import app.lockin.sql.TestDatabase;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares the managed Liberty test server before Arquillian starts it: a fresh PostgreSQL
 * database (embedded unless LOCKIN_TEST_DB_URL is given; the application migrates it itself), a
 * test issuer with its own RSA key published as a {@code file:} JWKS, app client ids, and a free
 * HTTP port, all written as variables into the server's configDropins.
 */
public class TestEnvironment implements LauncherSessionListener {

    public static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LockInTest";
    public static final String CLIENT_ID = "lockin-test-client";
    public static final String OTHER_CLIENT_ID = "lockin-second-client";

    private static TestDatabase database;
    private static RSAKey signingKey;
    private static int httpPort;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String wlpHome = System.getProperty("wlp.home");
        if (wlpHome == null || database != null) {
            return; // not the integration-test JVM, or already prepared
        }
        try {
            Path serverDir = Path.of(wlpHome, "usr", "servers", System.getProperty("lockin.test.server"));
            database = TestDatabase.freshDatabase();
            signingKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("test-key-1").generate();
            Path jwks = serverDir.resolve("test-jwks.json");
            Files.writeString(jwks, new JWKSet(signingKey.toPublicJWK()).toString());
            httpPort = freePort();
            System.setProperty("lockin.test.http.port", String.valueOf(httpPort));
            Path overrides = serverDir.resolve("configDropins").resolve("overrides");
            Files.createDirectories(overrides);
            Files.writeString(overrides.resolve("test-environment.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <server>
                        <featureManager>
                            <feature>localConnector-1.0</feature>
                        </featureManager>
                        <variable name="LOCKIN_HTTP_PORT" value="%d"/>
                        <variable name="LOCKIN_DB_URL" value="%s"/>
                        <variable name="LOCKIN_DB_USER" value="%s"/>
                        <variable name="LOCKIN_DB_PASSWORD" value="%s"/>
                        <variable name="LOCKIN_JWT_ISSUER" value="%s"/>
                        <variable name="LOCKIN_JWT_JWKS_URL" value="%s"/>
                        <variable name="LOCKIN_JWT_CLIENT_IDS" value="%s,%s"/>
                    </server>
                    """.formatted(httpPort, xml(database.url()), xml(database.user()), xml(database.password()),
                    ISSUER, jwks.toUri(), CLIENT_ID, OTHER_CLIENT_ID));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
    }

    public static TestDatabase database() {
        return database;
    }

    public static RSAKey signingKey() {
        return signingKey;
    }

    public static String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
