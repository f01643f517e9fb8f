package app.lockin.web.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SPEC §17: every API request is timed into {@value #NAME} (a histogram with the buckets of
 * {@link #BUCKETS}) labelled with the endpoint's <em>template</em> ({@code
 * /api/groups/{id}/progress/current}, never a raw id, so the number of series stays bounded), the
 * method and the status class ({@code 2xx}, {@code 4xx}, {@code 5xx}). A request that matched no
 * resource method (404, 405, the OPTIONS probes of the method filter) is {@code endpoint="unmatched"}.
 *
 * <p>It runs first (pre-matching, lowest priority number) and its response half last, so the time
 * covers the other filters (authentication, idempotency, rate limits). An event stream's time is
 * the time to its first event. Refusals the servlet container gives before JAX-RS runs (a token
 * mpJwt rejects) are not counted here.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String NAME = "lockin.http.requests";
    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";
    private static final Pattern REGEX_PART = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();
    /** The histogram's upper bounds ({@code le} labels): from a fast read to the statement timeout and beyond. */
    static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Inject
    MeterRegistry registry;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        request.removeProperty(STARTED); // once per request, whatever runs the filters again
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Timer.builder(NAME).description("API requests by endpoint template, method and status class")
                .tags("endpoint", endpoint(), "method", request.getMethod(), "status", statusClass(response.getStatus()))
                .serviceLevelObjectives(BUCKETS).register(registry).record(took);
    }

    private String endpoint() {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        return TEMPLATES.computeIfAbsent(method, m -> template(resourceInfo.getResourceClass(), m));
    }

    /** {@code /api/} + the class's and the method's {@code @Path}, regular expressions of parameters left out. */
    static String template(Class<?> resource, Method method) {
        StringBuilder path = new StringBuilder("/api");
        for (Path part : new Path[] {resource.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part != null) {
                path.append('/').append(part.value());
            }
        }
        String template = REGEX_PART.matcher(path.toString().replaceAll("/{2,}", "/")).replaceAll("{$1}");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
