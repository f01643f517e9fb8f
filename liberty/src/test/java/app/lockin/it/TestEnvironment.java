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
 * test issuer with its own RSA key published as a {@code file:} JWKS, app client ids, and a free
 * HTTP port, all written as variables into the server's configDropins.
 *
 * <p>A few variables may change while the server runs ({@link #setServerVariable}): the pinned
 * clock and the archival schedule. They live in their own dropin, which starts with the archival
 * timer off (a timer archiving behind a test's back would make it flaky; {@code MaintenanceIT}
 * turns it on) and the clock free.
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
    private static final Map<String, String> serverVariables = new TreeMap<>(Map.of(
            "LOCKIN_ARCHIVE_SCHEDULE", "off",
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
            writeServerVariables();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the test environment", e);
        }
    }

    /**
     * Changes a variable of the running test server and waits until the server has applied the
     * new configuration (its messages.log says so). Applications read it through MicroProfile
     * Config from then on; values read only at application start apply from the next deployment.
     */
    public static synchronized void setServerVariable(String name, String value) {
        serverVariables.put(name, value);
        Path log = serverDir.resolve("logs").resolve("messages.log");
        long before = configUpdates(log);
        writeServerVariables();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (configUpdates(log) <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test server did not apply " + name + "=" + value);
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
