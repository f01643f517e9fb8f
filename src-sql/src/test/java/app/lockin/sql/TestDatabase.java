package app.lockin.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the tests run against: the one named by {@code LOCKIN_TEST_DB_URL}
 * ({@code _USER}, {@code _PASSWORD}) when given, else a real embedded PostgreSQL started once per
 * JVM. Each call to {@link #freshDatabase()} creates a new, empty database on that server, so test
 * classes never see each other's rows.
 */
public final class TestDatabase {

    private static EmbeddedPostgres embedded;

    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new empty database (no schema applied) on the test server. */
    public static synchronized TestDatabase freshDatabase() {
        String name = "lockin_test_" + UUID.randomUUID().toString().replace("-", "");
        String adminUrl = serverUrl("postgres");
        try (Connection c = DriverManager.getConnection(adminUrl, serverUser(), serverPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(serverUrl(name), serverUser(), serverPassword());
    }

    /** A new database with every migration of src-sql applied. */
    public static TestDatabase migratedDatabase() {
        TestDatabase db = freshDatabase();
        db.migrate();
        return db;
    }

    public void migrate() {
        Flyway.configure().dataSource(url, user, password).load().migrate();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private static String serverUrl(String database) {
        String external = System.getenv("LOCKIN_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            // replace the database part of jdbc:postgresql://host:port/db?params
            int slash = external.indexOf('/', "jdbc:postgresql://".length());
            int query = external.indexOf('?', slash);
            String params = query < 0 ? "" : external.substring(query);
            return external.substring(0, slash + 1) + database + params;
        }
        return "jdbc:postgresql://localhost:" + embedded().getPort() + "/" + database;
    }

    private static String serverUser() {
        String user = System.getenv("LOCKIN_TEST_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    private static String serverPassword() {
        String password = System.getenv("LOCKIN_TEST_DB_PASSWORD");
        return password == null ? "" : password;
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                // UTC, as in production: the period logic must never depend on the server zone
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("timezone", "UTC")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off");
                if (Boolean.getBoolean("lockin.benchmark")) {
                    // the benchmarks count the statements the server runs (LiveFanOutBenchmarkIT)
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                embedded = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::closeEmbedded));
        }
        return embedded;
    }

    private static void closeEmbedded() {
        try {
            embedded.close();
        } catch (IOException ignored) {
            // the JVM is going away; the data directory is temporary
        }
    }

}
