package app.lockin.web.health;

import app.lockin.web.error.ReadOnlyServlet;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /health}, {@code /health/live}, {@code /health/ready} and {@code /health/started}
 * (SPEC §10): the application's MicroProfile Health checks, answered in MicroProfile Health's
 * JSON ({@code {"status": "UP"|"DOWN", "checks": [{name, status, data}]}}, 200 or 503).
 *
 * <p>Why here and not Liberty's {@code mpHealth} feature: that feature is a web application of
 * Liberty's own at {@code /health}, whose errors (an unknown path below it, an odd method) are
 * HTML pages naming servlet exceptions, and which even answers {@code PUT /health/live} with 200.
 * SPEC §16 wants every error of the server problem+json and 405 with {@code Allow}; owning the
 * paths is the only way ({@link ReadOnlyServlet}). The checks stay standard MicroProfile Health beans.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends ReadOnlyServlet {

    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    /** The probes by path below {@code /health}; {@code ""} is every check. */
    private static final Map<String, List<Annotation>> PROBES = Map.of(
            "", List.of(Liveness.Literal.INSTANCE, Readiness.Literal.INSTANCE, Startup.Literal.INSTANCE),
            "/live", List.of(Liveness.Literal.INSTANCE),
            "/ready", List.of(Readiness.Literal.INSTANCE),
            "/started", List.of(Startup.Literal.INSTANCE));

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected boolean exists(HttpServletRequest request) {
        return probe(request) != null;
    }

    @Override
    protected void read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = true;
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (Annotation kind : probe(request)) {
            for (HealthCheck check : checks.select(kind)) {
                HealthCheckResponse result = call(check);
                up &= result.getStatus() == HealthCheckResponse.Status.UP;
                results.add(json(result));
            }
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", results)
                .build().toString());
    }

    private static List<Annotation> probe(HttpServletRequest request) {
        String below = request.getPathInfo() == null ? "" : request.getPathInfo();
        return PROBES.get(below);
    }

    /** A check that throws is down, as MicroProfile Health has it; the operator gets one line. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            String name = check.getClass().getSimpleName();
            LOG.warning(() -> "Health check " + name + " failed: " + e);
            return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.empty());
        }
    }

    private static JsonObjectBuilder json(HealthCheckResponse result) {
        JsonObjectBuilder check = Json.createObjectBuilder()
                .add("name", result.getName())
                .add("status", result.getStatus().name());
        result.getData().filter(data -> !data.isEmpty()).ifPresent(data -> {
            JsonObjectBuilder fields = Json.createObjectBuilder();
            data.forEach((key, value) -> {
                if (value instanceof Number n) {
                    fields.add(key, n.longValue());
                } else if (value instanceof Boolean b) {
                    fields.add(key, b);
                } else {
                    fields.add(key, String.valueOf(value));
                }
            });
            check.add("data", fields);
        });
        return check;
    }
}
