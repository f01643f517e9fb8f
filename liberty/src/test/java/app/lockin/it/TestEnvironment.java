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
import java.time.Duration;

/**
 * Prepares the managed Liberty test server before Arquillian starts it: a fresh PostgreSQL
 * database (embedded unless LOCKIN_TEST_DB_URL is given; the application migrates it itself), a
 * test issuer with its own RSA key published as a {@code file:} JWKS, app client ids, a free
 * HTTP port, and a real S3 server ({@link S3TestServer}) for avatars, all written as variables
 * into the server's configDropins. The S3 variables have a dropin of their own so that a test
 * can take them away ({@link #withoutAvatarStorage}); the S3 access key reaches the server as the
 * AWS SDK's system properties in {@code jvm.options}, which the SDK's default chain reads first.
 */
public class TestEnvironment implements LauncherSessionListener {

    public static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LockInTest";
    public static final String CLIENT_ID = "lockin-test-client";
    public static final String OTHER_CLIENT_ID = "lockin-second-client";

    private static TestDatabase database;
    private static RSAKey signingKey;
    private static int httpPort;
    private static S3TestServer s3;
    private static Path serverDir;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String wlpHome = System.getProperty("wlp.home");
        if (wlpHome == null || database != null) {
            return; // not the integration-test JVM, or already prepared
        }
        try {
            serverDir = Path.of(wlpHome, "usr", "servers", System.getProperty("lockin.test.server"));
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
            s3 = S3TestServer.start();
            Files.writeString(serverDir.resolve("jvm.options"), """
                    -Daws.accessKeyId=%s
                    -Daws.secretAccessKey=%s
                    """.formatted(s3.accessKey(), s3.secretKey()));
            writeAvatarStorage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (s3 != null) {
            try {
                s3.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop S3Proxy", e);
            }
        }
    }

    public static S3TestServer s3() {
        return s3;
    }

    /**
     * Takes the S3 variables out of the running server's configuration, as on a server where
     * avatars are not configured, until {@link #restoreAvatarStorage}. Both return once Liberty
     * has applied the change, so the next deployment reads the new configuration.
     */
    public static void withoutAvatarStorage() {
        afterConfigurationUpdate(() -> Files.delete(avatarStorageDropin()));
    }

    public static void restoreAvatarStorage() {
        afterConfigurationUpdate(TestEnvironment::writeAvatarStorage);
    }

    private static void writeAvatarStorage() throws IOException {
        Files.writeString(avatarStorageDropin(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <server>
                    <variable name="LOCKIN_S3_BUCKET" value="%s"/>
                    <variable name="LOCKIN_S3_REGION" value="%s"/>
                    <variable name="LOCKIN_S3_ENDPOINT" value="%s"/>
                </server>
                """.formatted(S3TestServer.BUCKET, S3TestServer.REGION, s3.endpoint()));
    }

    private static Path avatarStorageDropin() {
        return serverDir.resolve("configDropins").resolve("overrides").resolve("test-avatar-storage.xml");
    }

    /** Makes a configuration change and waits until Liberty says it has read it. */
    private static void afterConfigurationUpdate(IoAction change) {
        Path log = serverDir.resolve("logs").resolve("messages.log");
        try {
            long before = configurationUpdates(log);
            change.run();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (configurationUpdates(log) == before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Liberty did not apply the configuration change");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CWWKG0017I: configuration updated; CWWKG0018I: read, nothing functional changed. */
    private static long configurationUpdates(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("CWWKG0017I") || l.contains("CWWKG0018I")).count();
        }
    }

    private interface IoAction {
        void run() throws IOException;
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
