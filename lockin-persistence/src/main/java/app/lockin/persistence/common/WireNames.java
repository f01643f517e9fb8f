package app.lockin.persistence.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one codec of enumeration values: the schema's CHECK constraints and the API (SPEC §3, §5,
 * §7) spell them in lower case ({@code OWNER} &lt;-&gt; {@code owner}), Java keeps its naming
 * convention. The column converter, the response views and the request parsing all go through here.
 */
public final class WireNames {

    private WireNames() {
    }

    /** {@code OWNER} -&gt; {@code owner}; null stays null. */
    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled exactly {@code wire} (lower case), or empty for anything else. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(wire)).findFirst();
    }

    /** The constant spelled {@code wire}; for values the database wrote, which are always valid. */
    public static <E extends Enum<E>> E require(Class<E> type, String wire) {
        return parse(type, wire).orElseThrow(() -> new IllegalArgumentException(
                "not a " + type.getSimpleName() + ": " + wire));
    }

    /** The allowed spellings, for refusal messages: {@code daily, weekly}. */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    }
}
