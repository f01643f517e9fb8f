package app.lockin.ejb.profile;

import app.lockin.ejb.common.InvalidInputException;

/** The display-name rule of SPEC §4: trimmed, 1–80 characters, no control characters. */
public final class DisplayNames {

    public static final int MAX_LENGTH = 80;
    static final String FALLBACK = "LockIN user";

    private DisplayNames() {
    }

    /** The trimmed name, or a 400 naming {@code display_name}. */
    static String validate(String raw) {
        if (raw == null) {
            throw InvalidInputException.field("display_name", "must not be null");
        }
        String name = raw.strip();
        if (name.isEmpty()) {
            throw InvalidInputException.field("display_name", "must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw InvalidInputException.field("display_name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.field("display_name", "must not contain control characters");
        }
        return name;
    }

    /** A usable name from a token claim: never fails, falls back to {@link #FALLBACK}. */
    static String fromClaim(String claim) {
        if (claim == null) {
            return FALLBACK;
        }
        StringBuilder clean = new StringBuilder();
        claim.strip().codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_LENGTH)
                .forEach(clean::appendCodePoint);
        String name = clean.toString().strip();
        return name.isEmpty() ? FALLBACK : name;
    }
}
