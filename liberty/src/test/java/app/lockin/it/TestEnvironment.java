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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prepares the managed Liberty test server before Arquillian starts it: a fresh PostgreSQL
 * database (embedded unless LOCKIN_TEST_DB_URL is given; the application migrates it itself), a
 * test issuer with its own RSA key published as a {@code file:} JWKS, app client ids, a free
 * HTTP port, and a real S3 server ({@link S3TestServer}) for avatars, all written as variables
 * into the server's configDropins. The S3 access key reaches the server as the AWS SDK's system
 * properties in {@code jvm.options}, which the SDK's default chain reads first.
 *
 * <p>Some variables may change while the server runs ({@link #setServerVariable}): the pinned
 * clock, the archival schedule and the S3 settings ({@link #withoutAvatarStorage}). They live in
 * their own dropin, which starts with the archival timer off (a timer archiving behind a test's
 * back would make it flaky; {@code MaintenanceIT} turns it on), the clock free and S3 configured.
 */
public class TestEnvironment implements LauncherSessionListener {

    public static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LockInTest";
    public static final String CLIENT_ID = "lockin-test-client";
    public static final String OTHER_CLIENT_ID = "lockin-second-client";

    private static final String CONFIG_UPDATED = "CWWKG0017I";
    private static final String CONFIG_UNCHANGED = "CWWKG0018I";

    private static TestDatabase database;
    private static RSAKey signingKey;
    private static int httpPort;
    private static Path serverDir;
    private static S3TestServer s3;
    private static final Map<String, String> serverVariables = new TreeMap<>(Map.of(
            "LOCKIN_ARCHIVE_SCHEDULE", "off",
            "LOCKIN_SESSION_SWEEP_SCHEDULE", "off",
            "LOCKIN_FIXED_CLOCK", ""));

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
            Path jwks = jwksFile();
            Files.writeString(jwks, new JWKSet(signingKey.toPublicJWK()).toString());
            httpPort = freePort();
            System.setProperty("lockin.test.http.port", String.valueOf(httpPort));
            Path overrides = serverDir.resolve("configDropins").resolve("overrides");
            Files.createDirectories(overrides);
            try (var earlier = Files.list(overrides)) { // an earlier run's dropins must not linger
                for (Path dropin : earlier.filter(f -> f.getFileName().toString().startsWith("test-")).toList()) {
                    Files.delete(dropin);
                }
            }
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
            // replaces the server's own jvm.options (memory bounds made for one deployment): the
            // tests redeploy the EAR for each test class, and under those bounds the server ended
            // during the 5th deployment of a run (metaspace capped at 256 MB, heap at 512 MB)
            Files.writeString(serverDir.resolve("jvm.options"), """
                    -Daws.accessKeyId=%s
                    -Daws.secretAccessKey=%s
                    """.formatted(s3.accessKey(), s3.secretKey()));
            serverVariables.putAll(avatarStorage());
            writeServerVariables();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (serverDir != null) {
            ContractCheck.printSummary();
        }
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
     * Changes a variable of the running test server and waits until the server has applied the
     * new configuration (its messages.log says so). Applications read it through MicroProfile
     * Config from then on; values read only at application start apply from the next deployment.
     */
    public static void setServerVariable(String name, String value) {
        changeServerVariables(Map.of(name, value));
    }

    /** Takes the S3 variables away, as on a server where avatars are not configured. */
    public static void withoutAvatarStorage() {
        Map<String, String> removed = new TreeMap<>();
        avatarStorage().keySet().forEach(name -> removed.put(name, null));
        changeServerVariables(removed);
    }

    public static void restoreAvatarStorage() {
        changeServerVariables(avatarStorage());
    }

    private static Map<String, String> avatarStorage() {
        return Map.of("LOCKIN_S3_BUCKET", S3TestServer.BUCKET, "LOCKIN_S3_REGION", S3TestServer.REGION,
                "LOCKIN_S3_ENDPOINT", s3.endpoint().toString());
    }

    /** Sets each variable to its value, or removes it where the value is null, then waits. */
    private static synchronized void changeServerVariables(Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value == null) {
                serverVariables.remove(name);
            } else {
                serverVariables.put(name, value);
            }
        });
        Path log = messagesLog();
        long before = configUpdates(log);
        writeServerVariables();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (configUpdates(log) <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test server did not apply " + changes);
            }
            sleep(100);
        }
    }

    private static void writeServerVariables() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
        serverVariables.forEach((name, value) -> xml.append("    <variable name=\"").append(name)
                .append("\" value=\"").append(xml(value)).append("\"/>\n"));
        xml.append("</server>\n");
        try {
            Path overrides = serverDir.resolve("configDropins").resolve("overrides");
            Path temporary = Files.writeString(overrides.resolve("test-variables.xml.tmp"), xml);
            Files.move(temporary, overrides.resolve("test-variables.xml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long configUpdates(Path log) {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(CONFIG_UPDATED) || l.contains(CONFIG_UNCHANGED)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // being rotated: ask again
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The test server's messages.log, for tests that check what operators read there. */
    public static Path messagesLog() {
        return serverDir.resolve("logs").resolve("messages.log");
    }

    public static TestDatabase database() {
        return database;
    }

    public static RSAKey signingKey() {
        return signingKey;
    }

    /** The test issuer's key set as a file, the server's LOCKIN_JWT_JWKS_URL unless a test changes it. */
    public static Path jwksFile() {
        return serverDir.resolve("test-jwks.json");
    }

    public static String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** A port nobody listens on now (for the test servers' HTTP endpoints). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
