package app.lockin.ejb.profile;

/**
 * Display names (SPEC §4): trimmed, 1–80 characters, no control characters. A name the client
 * sends is checked by the request's constraints against {@link #MAX_LENGTH}; a name taken from a
 * token claim is cleaned instead of refused.
 */
public final class DisplayNames {

    public static final int MAX_LENGTH = 80;
    static final String FALLBACK = "LockIN user";

    private DisplayNames() {
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
