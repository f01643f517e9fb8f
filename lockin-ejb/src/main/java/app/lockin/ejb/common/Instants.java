package app.lockin.ejb.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Instants at the precision PostgreSQL stores (microseconds); "now" is {@link LockinClock}'s. Values written at this precision
 * come back from the database unchanged, so an answer built before commit equals what a later
 * read returns, and a keyset cursor taken from an answer matches the stored row exactly.
 */
public final class Instants {

    private Instants() {
    }

    /**
     * A timestamptz column of a native query, whichever Java type the driver and Hibernate hand
     * out for it ({@link Instant}, {@link OffsetDateTime} or {@link Timestamp}); null stays null.
     */
    public static Instant fromColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** Drops sub-microsecond digits (PostgreSQL would round them, which could reorder two close instants). */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
