package app.lockin.ejb.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The server's meters (SPEC §17), one registry per server, read as Prometheus text by the web
 * module's {@code /metrics}. The application keeps and serves them itself (Micrometer) rather than
 * through Liberty's {@code mpMetrics}, whose {@code /metrics} is a web application of Liberty's own:
 * no filter or error page of ours reaches it, so it could neither take {@code LOCKIN_METRICS_TOKEN}
 * nor answer its errors as problem+json (SPEC §16).
 */
@ApplicationScoped
public class Meters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ConnectionPoolMeters pool = new ConnectionPoolMeters("jdbc/lockin");

    public Meters() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        pool.bindTo(registry);
    }

    /** The registry every meter of the application is registered in. */
    @Produces
    MeterRegistry registry() {
        return registry;
    }

    /** Every meter, in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }
}
