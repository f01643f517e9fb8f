package app.lockin.ejb.maintenance;

import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.LockinClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.OptionalInt;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Archival of expired groups (SPEC §9): {@code archive_expired_groups()} sets every active group
 * whose {@code end_at} has passed to archived. It is idempotent and safe to run concurrently (row
 * locks of its UPDATE), so correctness never depends on who runs it; the timer additionally makes
 * sure several servers do the work once per tick.
 */
@Stateless
public class ArchivalService {

    /**
     * The advisory lock of the archival tick, shared by every server on the database
     * ("LOCKARCH" in ASCII). The single-bigint key space is distinct from the two-int keys used
     * elsewhere.
     */
    static final long TICK_LOCK = 0x4C4F434B41524348L;

    private static final Logger LOG = Logger.getLogger(ArchivalService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    /** SPEC §17: archival runs by trigger ({@code timer}, {@code operator}) and the groups they archived. */
    @Inject
    private MeterRegistry registry;

    /**
     * {@code POST /api/maintenance/archive-expired-groups}: operators only. The role is a fact of
     * the caller's token that the web layer reads; who may archive is decided here, with the rest
     * of the business rules, so no other entry point can skip it.
     *
     * @return how many groups this call archived
     */
    public int archiveExpiredGroups(UUID callerId, boolean callerIsOperator) {
        if (!callerIsOperator) {
            throw new ForbiddenException("Only operators may run maintenance");
        }
        int archived = archive("operator");
        LOG.info(() -> "Operator " + callerId + " archived " + archived + " expired group(s)");
        return archived;
    }

    /**
     * One tick of the timer: archives unless another server is doing it right now
     * ({@code pg_try_advisory_xact_lock}, released at commit). Empty when it skipped.
     */
    public OptionalInt archiveOnTick() {
        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, TICK_LOCK)
                .getSingleResult();
        if (!mine) {
            LOG.fine("Archival tick skipped: another server holds the archival lock");
            return OptionalInt.empty();
        }
        int archived = archive("timer");
        if (archived > 0) {
            LOG.info(() -> "Archival timer archived " + archived + " expired group(s)");
        }
        return OptionalInt.of(archived);
    }

    private int archive(String trigger) {
        clock.shareWithDatabase(); // the function archives what ended before the database's "now"
        int archived = ((Number) em.createNativeQuery("select archive_expired_groups()").getSingleResult()).intValue();
        // counted before commit: a run whose commit fails is counted too (rare, and it did run)
        Counter.builder("lockin.archival.runs").description("Archival runs of expired groups (timer ticks that held the lock, operator calls)")
                .tag("trigger", trigger).register(registry).increment();
        Counter.builder("lockin.archival.groups.archived").description("Groups archived by those runs")
                .tag("trigger", trigger).register(registry).increment(archived);
        return archived;
    }
}
