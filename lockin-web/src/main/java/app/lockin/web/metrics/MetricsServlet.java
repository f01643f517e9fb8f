package app.lockin.web.metrics;

import app.lockin.ejb.metrics.Meters;
import app.lockin.web.error.ContainerErrorServlet;
import app.lockin.web.error.ReadOnlyServlet;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} (SPEC §17): every meter of this server in Prometheus text format. Public
 * while {@value #TOKEN} is unset; when it is set, a scrape must send it as {@code Authorization:
 * Bearer <token>} (Prometheus' {@code authorization} setting), else 401. The token is read at each
 * scrape, so a rotation needs no restart.
 */
@WebServlet("/metrics")
public class MetricsServlet extends ReadOnlyServlet {

    static final String TOKEN = "LOCKIN_METRICS_TOKEN";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Meters meters;

    @Override
    protected boolean exists(HttpServletRequest request) {
        return request.getPathInfo() == null;
    }

    @Override
    protected void read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = ConfigProvider.getConfig().getOptionalValue(TOKEN, String.class).orElse("");
        if (!token.isBlank() && !presents(request, token.strip())) {
            ContainerErrorServlet.sendProblem(request, response, 401, "Metrics need the bearer token of " + TOKEN);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(PROMETHEUS_TEXT);
        response.getOutputStream().write(meters.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request carries {@code Authorization: Bearer <token>}, compared in constant time. */
    private static boolean presents(HttpServletRequest request, String token) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
