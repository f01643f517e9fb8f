package app.lockin.it;

import app.lockin.dev.DevServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL of its own for the fault tests, configured exactly as the run command's
 * ({@link DevServer#durablePostgres}): the tests stop, restart and crash it, so it cannot be the
 * one every other test shares. It keeps its port and data directory across restarts, as a real
 * database server does.
 */
final class RestartablePostgres implements AutoCloseable {

    static final String DATABASE = "lockin";

    private final Path data;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    static RestartablePostgres start() {
        try {
            RestartablePostgres db = new RestartablePostgres(Files.createTempDirectory("lockin-fault-db"),
                    TestEnvironment.freePort());
            db.startAgain();
            try (Connection c = DriverManager.getConnection(db.url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("create database " + DATABASE);
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return url(DATABASE);
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** Starts it on its port and data directory (after {@link #stop} or {@link #quit}). */
    void startAgain() {
        try {
            running = DevServer.durablePostgres(data).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean, fast shutdown ({@code pg_ctl stop -m fast}): sessions are ended, the data flushed. */
    void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = null;
    }

    /**
     * SIGQUIT to the postmaster: PostgreSQL's immediate shutdown, nothing flushed, crash recovery
     * at the next start. Only what the write-ahead log holds on disk survives.
     */
    void quit() {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            try {
                running.close(); // releases the library's lock on the data directory; nothing left to stop
            } catch (IOException | RuntimeException alreadyGone) {
                // pg_ctl finds no server: expected
            }
            running = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop on SIGQUIT", e);
        }
    }

    @Override
    public void close() {
        if (running != null) {
            stop();
        }
        try (var files = Files.walk(data)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
