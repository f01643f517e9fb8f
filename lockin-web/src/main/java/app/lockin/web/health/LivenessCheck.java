package app.lockin.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.Optional;

/**
 * Alive while the JVM can answer: deliberately touches nothing external, so a database outage
 * makes the instance unready, never restarted.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse("process", HealthCheckResponse.Status.UP, Optional.empty());
    }
}
