package app.lockin.ejb.maintenance;

import app.lockin.ejb.session.ForgottenSessions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Stops forgotten sessions on a schedule (SPEC §15: the host's reminder within 60 s of the limit,
 * even when nobody reads the session). Reads stop them too ({@link ForgottenSessions}); the timer
 * is for the reminder and the live streams. Same shape as {@link ArchivalTimer}: a non-persistent
 * calendar timer per server, built from {@value #SCHEDULE} ({@code "<second> <minute> <hour>"},
 * default {@value #DEFAULT_SCHEDULE}: every 30 seconds; {@code off} disables it on this server).
 * Servers ticking together are safe: the sweep's row locks make the second wait and find nothing,
 * and the reminder's unique index keeps it to one.
 *
 * <p>{@value ForgottenSessions#MAX_RUN} is checked here at start: a value that is not a positive
 * ISO-8601 duration fails the start instead of failing every session request later.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ForgottenSessionsTimer {

    public static final String SCHEDULE = "LOCKIN_SESSION_SWEEP_SCHEDULE";
    public static final String DEFAULT_SCHEDULE = "*/30 * *";

    private static final Logger LOG = Logger.getLogger(ForgottenSessionsTimer.class.getName());

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigration schema;

    @EJB
    private ForgottenSessions forgotten;

    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        LOG.info("Sessions running longer than " + ForgottenSessions.maxRun() + " without a pause are stopped ("
                + ForgottenSessions.MAX_RUN + ")");
        String value = ConfigProvider.getConfig().getOptionalValue(SCHEDULE, String.class).orElse(DEFAULT_SCHEDULE).strip();
        if (value.equalsIgnoreCase("off")) {
            LOG.info("Forgotten-session timer off on this server (" + SCHEDULE + "=off); reads still stop them");
            return;
        }
        timerService.createCalendarTimer(ArchivalTimer.parse(value, SCHEDULE, DEFAULT_SCHEDULE),
                new TimerConfig("stop-forgotten-sessions", false));
        LOG.info("Forgotten-session timer scheduled at second/minute/hour " + value);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!schema.isMigrated() || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            forgotten.stopDueOnTick();
        } catch (RuntimeException e) {
            LOG.warning("Forgotten-session tick failed; the next tick tries again: " + e);
        } finally {
            ticking.set(false);
        }
    }
}
