package app.lockin.web.health;

import app.lockin.ejb.maintenance.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Ready when the schema is migrated and the database answers now (SPEC §10). */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @EJB
    SchemaMigration migration;

    @Resource(lookup = "jdbc/lockin")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (!migration.isMigrated()) {
            return response.down().withData("migrations", "pending: " + migration.lastFailure()).build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS)
                    ? response.up().withData("migrations", "applied").build()
                    : response.down().withData("connection", "no answer within " + TIMEOUT_SECONDS + " s").build();
        } catch (SQLException e) {
            return response.down().withData("connection", "unavailable").build();
        }
    }
}
