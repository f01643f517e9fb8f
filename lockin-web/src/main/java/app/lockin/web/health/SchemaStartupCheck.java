package app.lockin.web.health;

import app.lockin.ejb.maintenance.SchemaMigration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import java.util.Optional;

/** Started once the schema migration at start has succeeded. */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

    @EJB
    SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse("schema",
                migration.isMigrated() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.empty());
    }
}
