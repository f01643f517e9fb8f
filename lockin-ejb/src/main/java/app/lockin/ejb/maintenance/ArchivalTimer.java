package app.lockin.ejb.maintenance;

import app.lockin.ejb.idempotency.IdempotencyKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
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
 * Runs the archival of expired groups on a schedule (SPEC §9): a calendar timer built at start
 * from {@value #SCHEDULE} instead of a fixed {@code @Schedule}, so operations (and the tests) choose
 * the rhythm. Each tick also purges idempotency keys older than 24 h (SPEC §15,
 * {@link IdempotencyKeys#purgeExpired()}). Timers are non-persistent (the server has enterpriseBeansLite): each server has
 * its own, and {@link ArchivalService#archiveOnTick()}'s advisory lock makes servers that tick
 * together do the work once.
 *
 * <p>The value is {@code "<second> <minute> <hour>"} in EJB calendar syntax (every other field is
 * {@code *}), default {@value #DEFAULT_SCHEDULE} (every 5 minutes); {@code off} disables the timer
 * on this server. An invalid value fails the start, rather than leaving groups unarchived silently.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ArchivalTimer {

    public static final String SCHEDULE = "LOCKIN_ARCHIVE_SCHEDULE";
    public static final String DEFAULT_SCHEDULE = "0 */5 *";

    private static final Logger LOG = Logger.getLogger(ArchivalTimer.class.getName());

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigration schema;

    @EJB
    private ArchivalService archival;

    @EJB
    private IdempotencyKeys idempotencyKeys;

    /** Ticks never overlap on one server: a slow one makes the next skip rather than pile up. */
    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        String value = ConfigProvider.getConfig().getOptionalValue(SCHEDULE, String.class).orElse(DEFAULT_SCHEDULE).strip();
        if (value.equalsIgnoreCase("off")) {
            LOG.info("Archival timer off on this server (" + SCHEDULE + "=off)");
            return;
        }
        timerService.createCalendarTimer(parse(value), new TimerConfig("archive-expired-groups", false));
        LOG.info("Archival timer scheduled at second/minute/hour " + value);
    }

    static ScheduleExpression parse(String value) {
        return parse(value, SCHEDULE, DEFAULT_SCHEDULE);
    }

    /** {@code "<second> <minute> <hour>"} of the setting {@code key}; the other fields {@code *}. */
    static ScheduleExpression parse(String value, String key, String example) {
        String[] fields = value.split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException(key + " must be \"<second> <minute> <hour>\" in EJB calendar syntax "
                    + "(e.g. \"" + example + "\") or \"off\", not \"" + value + "\"");
        }
        return new ScheduleExpression().second(fields[0]).minute(fields[1]).hour(fields[2])
                .dayOfMonth("*").month("*").dayOfWeek("*").year("*");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!schema.isMigrated() || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            archival.archiveOnTick();
        } catch (RuntimeException e) {
            LOG.warning("Archival tick failed; the next tick tries again: " + e);
        }
        try {
            int purged = idempotencyKeys.purgeExpired(); // SPEC §15: keys live 24 h
            if (purged > 0) {
                LOG.fine(() -> "Purged " + purged + " expired idempotency key(s)");
            }
        } catch (RuntimeException e) {
            LOG.warning("Purge of expired idempotency keys failed; the next tick tries again: " + e);
        } finally {
            ticking.set(false);
        }
    }
}
