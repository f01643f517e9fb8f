package app.lockin.ejb.history;

import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.group.GroupRules;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/me/stats} (SPEC §12). The SQL functions of V8_3 count the days (local midnights
 * converted exactly as java.time does, so DST days last 23 or 25 hours), the longest log and the
 * streaks; this applies the range defaults and limits.
 */
@Stateless
public class StatsService {

    public static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 7;

    /** Public for the benchmark ({@code ProgressBenchmarkIT}). ?1 user, ?2 zone, ?3 from, ?4 to. */
    public static final String DAYS_SQL = "select day, seconds from user_focus_days(?1, ?2, ?3, ?4)";
    static final String LONGEST_SQL = "select user_longest_log(?1, ?2, ?3, ?4)";
    static final String STREAKS_SQL = "select current_streak_days, best_streak_days from user_focus_streaks(?1, ?2)";

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    /**
     * The caller's stats. {@code timezone} null means UTC; {@code from}/{@code to} null take the
     * defaults: today in the zone and the 6 days before it, or a 7-day range from or to the one
     * given. 400 validation_failed for an unknown zone, {@code from} after {@code to}, or more than
     * {@value #MAX_DAYS} dates (the web layer refuses malformed dates).
     */
    public FocusStats stats(UUID callerId, LocalDate from, LocalDate to, String timezone) {
        FieldChecks checks = new FieldChecks();
        String zoneName = timezone == null ? "UTC" : timezone;
        if (!GroupRules.isKnownZone(zoneName)) {
            checks.refuse("timezone", "must be an IANA time zone name");
            checks.throwIfAny();
        }
        if (from == null && to == null) {
            to = LocalDate.ofInstant(clock.now(), ZoneId.of(zoneName));
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        } else if (to == null) {
            to = from.plusDays(DEFAULT_DAYS - 1);
        }
        if (from.isAfter(to)) {
            checks.refuse("from", "must not be after to");
        } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            checks.refuse("to", "the range holds at most " + MAX_DAYS + " dates");
        }
        checks.throwIfAny();

        clock.shareWithDatabase(); // open logs count up to "now"; today is the database's
        @SuppressWarnings("unchecked")
        List<Tuple> dayRows = em.createNativeQuery(DAYS_SQL, Tuple.class)
                .setParameter(1, callerId).setParameter(2, zoneName).setParameter(3, from).setParameter(4, to)
                .getResultList();
        List<FocusStats.Day> days = dayRows.stream()
                .map(row -> new FocusStats.Day(toLocalDate(row.get("day")), row.get("seconds", Number.class).longValue()))
                .toList();
        long total = days.stream().mapToLong(FocusStats.Day::seconds).sum();
        long longest = ((Number) em.createNativeQuery(LONGEST_SQL)
                .setParameter(1, callerId).setParameter(2, zoneName).setParameter(3, from).setParameter(4, to)
                .getSingleResult()).longValue();
        Tuple streaks = (Tuple) em.createNativeQuery(STREAKS_SQL, Tuple.class)
                .setParameter(1, callerId).setParameter(2, zoneName)
                .getSingleResult();
        return new FocusStats(timezone == null ? "UTC" : timezone, from, to, total, days, longest,
                streaks.get("current_streak_days", Number.class).intValue(),
                streaks.get("best_streak_days", Number.class).intValue());
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof LocalDate date ? date : ((Date) value).toLocalDate();
    }
}
