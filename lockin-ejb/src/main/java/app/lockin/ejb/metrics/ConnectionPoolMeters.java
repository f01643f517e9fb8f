package app.lockin.ejb.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.util.function.ToDoubleFunction;

/**
 * The request pool's use and waits (SPEC §17), read from Liberty's {@code ConnectionPoolStats}
 * MBean of the data source (feature {@code monitor-1.0}) at each scrape. Until the pool exists — or
 * where the MBean is missing — each reads NaN, which Prometheus treats as no value.
 */
final class ConnectionPoolMeters implements MeterBinder {

    private final String jndiName;
    private final ObjectName stats;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    ConnectionPoolMeters(String jndiName) {
        this.jndiName = jndiName;
        try {
            this.stats = new ObjectName("WebSphere:type=ConnectionPoolStats,name=" + jndiName);
        } catch (JMException e) {
            throw new IllegalArgumentException(jndiName, e);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "lockin.db.pool.connections.managed", "Connections the pool holds, in use or free", "ManagedConnectionCount");
        gauge(registry, "lockin.db.pool.connections.free", "Connections of the pool free for a request", "FreeConnectionCount");
        gauge(registry, "lockin.db.pool.connections.in.use", "Connection handles requests hold now", "ConnectionHandleCount");
        gauge(registry, "lockin.db.pool.connections.max", "The pool's maximum size (LOCKIN_DB_MAX_POOL)", "MaxConnectionsLimit");
        // "opened"/"closed", not Liberty's "created": Prometheus keeps a _created suffix for itself
        counter(registry, "lockin.db.pool.connections.opened", "Connections the pool opened", s -> number(s, "CreateCount"));
        counter(registry, "lockin.db.pool.connections.closed", "Connections the pool closed", s -> number(s, "DestroyCount"));
        counter(registry, "lockin.db.pool.waits", "Requests that had to wait for a free connection",
                s -> detail(s, "WaitTimeDetails", "count"));
        counter(registry, "lockin.db.pool.wait.seconds", "Time requests waited for a connection, summed",
                s -> detail(s, "WaitTimeDetails", "total") / 1000);
        counter(registry, "lockin.db.pool.in.use.seconds", "Time connections were held, summed",
                s -> detail(s, "InUseTimeDetails", "total") / 1000);
    }

    private void gauge(MeterRegistry registry, String name, String description, String attribute) {
        Gauge.builder(name, this, s -> number(s, attribute)).description(description)
                .tag("datasource", jndiName).strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<ConnectionPoolMeters> read) {
        FunctionCounter.builder(name, this, read).description(description).tag("datasource", jndiName).register(registry);
    }

    private double number(String attribute) {
        try {
            return ((Number) server.getAttribute(stats, attribute)).doubleValue();
        } catch (JMException | RuntimeException missing) {
            return Double.NaN;
        }
    }

    private static double number(ConnectionPoolMeters meters, String attribute) {
        return meters.number(attribute);
    }

    private static double detail(ConnectionPoolMeters meters, String attribute, String item) {
        try {
            CompositeData details = (CompositeData) meters.server.getAttribute(meters.stats, attribute);
            return ((Number) details.get(item)).doubleValue();
        } catch (JMException | RuntimeException missing) {
            return Double.NaN;
        }
    }
}
