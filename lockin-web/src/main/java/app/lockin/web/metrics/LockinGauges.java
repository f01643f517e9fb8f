package app.lockin.web.metrics;

import app.lockin.ejb.session.RunningSessions;
import app.lockin.web.live.LiveStreams;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gauges of SPEC §17: open event streams on this server (read from {@link LiveStreams} at each
 * scrape) and running sessions in the database. The latter is counted every {@value
 * #REFRESH_SECONDS} s on the application's scheduler (a scrape must not wait for the database);
 * while the database is away the last count stays.
 */
@ApplicationScoped
public class LockinGauges {

    static final long REFRESH_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(LockinGauges.class.getName());

    @Inject
    MeterRegistry registry;

    @Inject
    LiveStreams streams;

    @EJB
    RunningSessions runningSessions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicLong running = new AtomicLong();
    private ScheduledFuture<?> refresh;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LiveStreams live = streams; // the CDI proxy, resolved in the application
        Gauge.builder("lockin.live.streams.open", live, LiveStreams::openStreams)
                .description("Event streams open on this server (SPEC 11)").strongReference(true).register(registry);
        Gauge.builder("lockin.sessions.running", running, AtomicLong::get)
                .description("Sessions running now, in the whole database").strongReference(true).register(registry);
        refresh = scheduler.scheduleWithFixedDelay(this::countRunning, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private void countRunning() {
        try {
            running.set(runningSessions.count());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Metrics: could not count the running sessions", e);
        }
    }

    @PreDestroy
    void stop() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }
}
