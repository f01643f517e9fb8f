package app.lockin.web.health;

import app.lockin.ejb.maintenance.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Ready when the schema is migrated and the database answers now (SPEC §10). */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final String NAME = "database";
    private static final int TIMEOUT_SECONDS = 2;

    @EJB
    SchemaMigration migration;

    @Resource(lookup = "jdbc/lockin")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        if (!migration.isMigrated()) {
            return down("migrations", "pending: " + migration.lastFailure());
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS)
                    ? new HealthCheckResponse(NAME, Status.UP, Optional.of(Map.of("migrations", "applied")))
                    : down("connection", "no answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return down("connection", "unavailable");
        }
    }

    private static HealthCheckResponse down(String what, String why) {
        return new HealthCheckResponse(NAME, Status.DOWN, Optional.of(Map.of(what, why)));
    }
}
