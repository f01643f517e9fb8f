package app.lockin.ejb.common;

import java.util.Locale;

/** Enumeration values as the API and the schema spell them: lower case ({@code OWNER} -> {@code owner}). */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
