package app.lockin.web.json;

import app.lockin.ejb.common.FieldChecks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads query parameters strictly (SPEC §1): a value outside the allowed set answers 400
 * {@code validation_failed} naming the parameter, never a silent default. An absent parameter
 * takes its default; a present but empty one ({@code ?limit=}) is a wrong value. Errors are
 * collected so every bad parameter is named in one answer.
 */
public final class QueryParameters {

    private final FieldChecks checks = new FieldChecks();

    /** One of {@code allowed} (as the client spells them), {@code absent} when not sent. */
    public String oneOf(String name, String value, Set<String> allowed, String absent) {
        if (value == null) {
            return absent;
        }
        if (!allowed.contains(value)) {
            refuse(name, "must be one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            return absent;
        }
        return value;
    }

    public boolean bool(String name, String value, boolean absent) {
        return Boolean.parseBoolean(oneOf(name, value, Set.of("true", "false"), String.valueOf(absent)));
    }

    /** An integer in {@code [min, max]}, {@code absent} when not sent. */
    public int integer(String name, String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        refuse(name, "must be an integer between " + min + " and " + max);
        return absent;
    }

    /** An RFC 3339 timestamp with an offset; null when not sent or invalid. */
    public Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            refuse(name, "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T09:00:00.123456Z");
            return null;
        }
    }

    /** An ISO date ({@code 2026-06-10}, years 1 to 9999); null when not sent or invalid. */
    public LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate date = LocalDate.parse(value);
                if (date.getYear() >= 1) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        refuse(name, "must be an ISO date, e.g. 2026-06-10");
        return null;
    }

    /** A UUID in its canonical form; null when not sent or invalid. */
    public UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(value);
            if (uuid.toString().equalsIgnoreCase(value)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        refuse(name, "must be a UUID");
        return null;
    }

    public void refuse(String name, String message) {
        checks.refuse(name, message);
    }

    public void throwIfInvalid() {
        checks.throwIfAny();
    }
}
