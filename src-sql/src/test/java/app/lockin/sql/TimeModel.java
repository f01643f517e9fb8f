package app.lockin.sql;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The independent java.time side of the property tests: local days and periods computed with
 * {@code LocalDate.atStartOfDay(zone)} (a gap resolves to the instant after it, an overlap to the
 * earlier instant), and time counted in microseconds, as PostgreSQL stores it.
 */
final class TimeModel {

    /** Zones with DST (incl. half-hour shifts and fall-backs across midnight), half-hour and 45-minute offsets, and +14. */
    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Paris", "Europe/London",
            "America/St_Johns", "America/Santiago", "America/Havana", "Atlantic/Azores", "Australia/Lord_Howe",
            "Australia/Adelaide", "Pacific/Chatham", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Eucla",
            "Pacific/Kiritimati");

    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private TimeModel() {
    }

    /** A log [start, end); end null = open (counts up to now). */
    record Log(Instant start, Instant end) {
        Instant until(Instant now) {
            return end == null ? now : end;
        }
    }

    /** Microseconds of the log inside [from, until), 0 when none; an open log up to now, nothing after now. */
    static long overlapMicros(Log log, Instant from, Instant until, Instant now) {
        if (!log.start().isBefore(now)) {
            return 0;
        }
        Instant a = max(log.start(), from);
        Instant b = min(log.until(now), until);
        return a.isBefore(b) ? ChronoUnit.MICROS.between(a, b) : 0;
    }

    static long totalSeconds(List<Log> logs, Instant from, Instant until, Instant now) {
        return logs.stream().mapToLong(l -> overlapMicros(l, from, until, now)).sum() / 1_000_000;
    }

    static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * An instant near a DST transition of the zone (within a few days before it) when the zone has
     * one after {@code from}, else {@code from}: the generators aim there so DST days are common.
     */
    static Instant nearTransition(ZoneId zone, Instant from, long secondsBefore) {
        var transition = zone.getRules().nextTransition(from);
        if (transition == null || transition.getInstant().isAfter(from.plus(Duration.ofDays(800)))) {
            return from;
        }
        return transition.getInstant().minusSeconds(secondsBefore);
    }
}
