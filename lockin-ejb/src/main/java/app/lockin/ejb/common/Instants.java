package app.lockin.ejb.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants at the precision PostgreSQL stores (microseconds); "now" is {@link LockinClock}'s. Values written at this precision
 * come back from the database unchanged, so an answer built before commit equals what a later
 * read returns, and a keyset cursor taken from an answer matches the stored row exactly.
 */
public final class Instants {

    private Instants() {
    }

    /** Drops sub-microsecond digits (PostgreSQL would round them, which could reorder two close instants). */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
