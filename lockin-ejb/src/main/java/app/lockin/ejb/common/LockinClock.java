package app.lockin.ejb.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * "Now" for every service: the instant a session starts, a log closes, a period is computed at.
 * Services never call {@code Instant.now()} themselves.
 *
 * <p>Normally the real clock, truncated to microseconds (what {@code timestamptz} stores, so an
 * instant read back equals the one written). A test or a development server can pin it with the
 * configuration key {@value #FIXED_CLOCK} (an RFC 3339 instant), read on every call so that
 * it can move while the server runs (Liberty re-reads {@code <variable>}s when a configDropins file
 * changes). Production never sets it. While pinned, the database is told the same instant for the
 * rest of the transaction ({@code lockin.now}, the clock hook of the schema read by
 * {@code lockin_now()}), so the progress view, the archival function and the log triggers agree
 * with the Java side.
 */
@ApplicationScoped
public class LockinClock {

    public static final String FIXED_CLOCK = "LOCKIN_FIXED_CLOCK";

    private static final Logger LOG = Logger.getLogger(LockinClock.class.getName());
    private static final Object DATABASE_TOLD = new Object();

    @PersistenceContext(unitName = "lockin")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private volatile String lastPinned = "";

    /**
     * The current instant. Inside a transaction it is also the database's ({@link #shareWithDatabase}):
     * the rows a service writes at this instant meet defaults and triggers that read the
     * database's "now" (lockin_now(), lockin_clock_timestamp()).
     */
    public Instant now() {
        Optional<Instant> pinned = pinned();
        pinned.ifPresent(this::tellDatabase);
        return pinned.orElseGet(() -> Instants.micros(Instant.now()));
    }

    /**
     * Makes the database's "now" this clock's for the rest of the transaction, before a query that
     * reads it without the service needing the instant itself (the progress view, the archival
     * and clone functions). A no-op unless the clock is pinned: the real clock is the database's
     * own.
     */
    public void shareWithDatabase() {
        pinned().ifPresent(this::tellDatabase);
    }

    /** Once per transaction; outside one there is nothing to tell. */
    private void tellDatabase(Instant now) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
                && transactions.getResource(DATABASE_TOLD) == null) {
            em.createNativeQuery("select set_config('lockin.now', ?1, true)")
                    .setParameter(1, now.toString())
                    .getSingleResult();
            transactions.putResource(DATABASE_TOLD, Boolean.TRUE);
        }
    }

    private Optional<Instant> pinned() {
        String value = ConfigProvider.getConfig().getOptionalValue(FIXED_CLOCK, String.class).orElse("").strip();
        if (!value.equals(lastPinned)) {
            lastPinned = value;
            LOG.warning(() -> value.isEmpty() ? "The clock follows real time again"
                    : "The clock is pinned to " + value + " by " + FIXED_CLOCK + " (a test and development hook)");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(FIXED_CLOCK + " must be an RFC 3339 instant, not " + value, e);
        }
    }
}
