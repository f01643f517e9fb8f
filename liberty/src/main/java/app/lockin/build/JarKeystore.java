package app.lockin.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Build step of the runnable JAR (SPEC §17), run by Maven between creating the {@code lockin-jar}
 * server and packaging it: writes {@code configDropins/defaults/keystore.xml} giving Liberty's
 * default keystore a password of its own, new for every build.
 *
 * <p>Why: {@code server create} puts the default keystore's password in {@code server.env}
 * ({@code keystore_password}), which only the {@code server} script reads. {@code java -jar}
 * runs the server in its own JVM and never reads {@code server.env} (Open Liberty issue 19422), so
 * the default keystore was not created (CWPKI0819I), the default SSL configuration stayed
 * unavailable, and mpJwt, which needs it, never activated its {@code <mpJwt>} configuration:
 * every bearer token went unauthenticated (CWWKS5604E, 401). Configuration dropins are read by
 * the server itself, however it is launched.
 *
 * <p>The keystore holds only the self-signed certificate Liberty generates at the first start of
 * each extraction; no listener uses it (the HTTPS port is off, TLS ends at the load balancer), so
 * the password protects nothing a deployment relies on; it is as secret as the jar.
 */
public final class JarKeystore {

    private JarKeystore() {
    }

    /** {@code args[0]}: the server's configuration directory ({@code …/usr/servers/lockin-jar}). */
    public static void main(String[] args) throws IOException {
        Path server = Path.of(args[0]);
        if (!Files.isRegularFile(server.resolve("server.xml"))) {
            throw new IllegalStateException("no server.xml in " + server);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dropin = server.resolve("configDropins").resolve("defaults").resolve("keystore.xml");
        Files.createDirectories(dropin.getParent());
        Files.writeString(dropin, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by app.lockin.build.JarKeystore when the runnable jar is built: java -jar
                     does not read server.env, where server create keeps this password -->
                <server>
                    <keyStore id="defaultKeyStore" password="%s"/>
                </server>
                """.formatted(password), StandardCharsets.UTF_8);
    }
}
