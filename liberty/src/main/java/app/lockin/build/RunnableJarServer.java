package app.lockin.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Build steps of the runnable JAR (SPEC §17), run by Maven around packaging the {@code lockin-jar}
 * server. They make it fit {@code java -jar}:
 *
 * <ul>
 * <li><b>A keystore password of its own</b>, in {@code configDropins/defaults/keystore.xml}, new
 * for every build. {@code server create} puts the default keystore's password in {@code
 * server.env} ({@code keystore_password}), which only the {@code server} script reads; {@code java
 * -jar} never reads it (Open Liberty issue 19422), so the default keystore was not created
 * (CWPKI0819I), the default SSL configuration stayed unavailable, and mpJwt, which needs it, never
 * activated its {@code <mpJwt>} configuration: every bearer token went unauthenticated
 * (CWWKS5604E, 401). Configuration dropins are read by the server itself, however it is launched.
 * The keystore holds only the self-signed certificate Liberty generates at the first start of
 * each extraction; no listener uses it (the HTTPS port is off, TLS ends at the load balancer), so
 * the password protects nothing a deployment relies on; it is as secret as the jar.</li>
 * <li><b>No {@code jvm.options}.</b> With one in the jar, {@code java -jar} starts the server in a
 * second JVM with those options, and a SIGTERM sent to the process the platform started no longer
 * reaches the server's own shutdown (its event streams were not told to reconnect:
 * RunnableJarIT). JVM options of the jar are given to {@code java} itself (README, "Deploying").</li>
 * </ul>
 */
public final class RunnableJarServer {

    private RunnableJarServer() {
    }

    /**
     * {@code keystore <server directory>} after {@code liberty:create} of {@code lockin-jar};
     * {@code drop-jvm-options <jar>} after {@code liberty:package}, which copies {@code jvm.options}
     * from the configuration directory into the jar whatever the server directory holds.
     */
    public static void main(String[] args) throws IOException {
        switch (args.length == 2 ? args[0] : "") {
            case "keystore" -> writeKeystorePassword(Path.of(args[1]));
            case "drop-jvm-options" -> dropJvmOptions(Path.of(args[1]));
            default -> throw new IllegalArgumentException("usage: keystore <server dir> | drop-jvm-options <jar>");
        }
    }

    private static void writeKeystorePassword(Path server) throws IOException {
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
                <!-- written by app.lockin.build.RunnableJarServer when the runnable jar is built: java -jar
                     does not read server.env, where server create keeps this password -->
                <server>
                    <keyStore id="defaultKeyStore" password="%s"/>
                </server>
                """.formatted(password), StandardCharsets.UTF_8);
    }

    private static void dropJvmOptions(Path jar) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            try (Stream<Path> entries = Files.walk(zip.getPath("/"))) {
                for (Path options : entries.filter(p -> String.valueOf(p.getFileName()).equals("jvm.options")).toList()) {
                    Files.delete(options);
                }
            }
        }
    }
}
