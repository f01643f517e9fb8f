package app.lockin.ejb.history;

import java.time.Instant;
import java.util.UUID;

/** A row of {@link HistoryService#PERIODS_SQL}: one (period, member) cell. */
public record HistoryRow(Instant periodStart, Instant periodEnd, boolean isCurrent, UUID userId, String displayName,
                         long secondsDone, int targetMinutes, boolean goalMet) {
}
