package app.lockin.web.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The value types of request fields, read strictly (SPEC §1: a client's mistake is refused, never
 * guessed at). JSON-B's defaults are lenient — {@code "10"} becomes 10, {@code 1.5} becomes 1,
 * {@code 42} becomes {@code "42"}, {@code "1-1-1-1-1"} a UUID — so these deserializers replace
 * them. Each type also says, in {@link #expectation}, what the client must send instead.
 */
final class RequestScalars {

    private static final Map<Type, Strict<?>> STRICT = Map.of(
            String.class, new Text(), Integer.class, new Int(), Long.class, new LongInt(),
            UUID.class, new Uuid(), Instant.class, new Timestamp());

    private RequestScalars() {
    }

    static JsonbDeserializer<?>[] deserializers() {
        return STRICT.values().stream().map(s -> (JsonbDeserializer<?>) s).toArray(JsonbDeserializer<?>[]::new);
    }

    /** What a field of {@code type} must hold, for the refusal of a value that does not fit. */
    static String expectation(Type type) {
        Strict<?> strict = STRICT.get(type);
        return strict == null ? "has the wrong type" : strict.expectation;
    }

    private static UUID canonicalUuid(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return uuid;
    }

    /**
     * One JSON value type, converted exactly or refused; JSON null stays null. Each subclass names
     * its type in {@code implements JsonbDeserializer<T>}: that is where JSON-B looks for it.
     */
    abstract static class Strict<T> {
        private final JsonValue.ValueType json;
        private final String expectation;
        private final Function<JsonValue, T> convert;

        Strict(JsonValue.ValueType json, String expectation, Function<JsonValue, T> convert) {
            this.json = json;
            this.expectation = expectation;
            this.convert = convert;
        }

        public T deserialize(JsonParser parser, DeserializationContext context, Type rtType) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value.getValueType() != json) {
                throw new JsonbException(expectation);
            }
            try {
                return convert.apply(value);
            } catch (RuntimeException e) { // out of range, not exact, not parseable
                throw new JsonbException(expectation, e);
            }
        }
    }

    static final class Text extends Strict<String> implements JsonbDeserializer<String> {
        Text() {
            super(JsonValue.ValueType.STRING, "must be a string", v -> ((JsonString) v).getString());
        }
    }

    static final class Int extends Strict<Integer> implements JsonbDeserializer<Integer> {
        Int() {
            super(JsonValue.ValueType.NUMBER, "must be an integer", v -> ((JsonNumber) v).bigDecimalValue().intValueExact());
        }
    }

    static final class LongInt extends Strict<Long> implements JsonbDeserializer<Long> {
        LongInt() {
            super(JsonValue.ValueType.NUMBER, "must be an integer", v -> ((JsonNumber) v).bigDecimalValue().longValueExact());
        }
    }

    static final class Uuid extends Strict<UUID> implements JsonbDeserializer<UUID> {
        Uuid() {
            super(JsonValue.ValueType.STRING, "must be a UUID", v -> canonicalUuid(((JsonString) v).getString()));
        }
    }

    static final class Timestamp extends Strict<Instant> implements JsonbDeserializer<Instant> {
        Timestamp() {
            super(JsonValue.ValueType.STRING, "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T09:00:00Z",
                    v -> OffsetDateTime.parse(((JsonString) v).getString()).toInstant());
        }
    }
}
