package app.lockin.web.json;

import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads typed values out of a request's JSON object, collecting one error per offending field
 * instead of failing on the first: the client learns every mistake in one round trip.
 * Field names are snake_case; Java names are derived from them.
 */
public final class JsonFields {

    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(JsonObject json) {
        this.json = json;
    }

    /** Refuses fields outside {@code allowed} with 400 {@code unknown_field} (SPEC §1). */
    public JsonFields allowOnly(Set<String> allowed) {
        List<FieldError> unknown = json.keySet().stream().filter(k -> !allowed.contains(k)).sorted()
                .map(k -> new FieldError(k, "unknown field")).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown_field", "Unknown field(s): "
                    + unknown.stream().map(FieldError::field).collect(Collectors.joining(", ")), unknown);
        }
        return this;
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    /** The value of {@code field} converted to {@code type}, {@code null} when absent or null. */
    public <T> T get(String field, Class<T> type) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return type.cast(convert(value, type));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException | ClassCastException e) {
            errors.add(new FieldError(field, describe(type)));
            return null;
        }
    }

    /** Throws 400 {@code validation_failed} listing every field that could not be converted. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException("validation_failed", "Invalid field(s): "
                    + errors.stream().map(FieldError::field).collect(Collectors.joining(", ")), errors);
        }
    }

    /** Builds {@code recordType} from the object: unknown fields and wrong types are refused. */
    public static <R extends Record> R toRecord(JsonObject json, Class<R> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        JsonFields fields = new JsonFields(json).allowOnly(Arrays.stream(components)
                .map(c -> snakeCase(c.getName())).collect(Collectors.toSet()));
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = fields.get(snakeCase(components[i].getName()), boxed(types[i]));
        }
        fields.throwIfInvalid();
        try {
            return recordType.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build request record " + recordType.getName(), e);
        }
    }

    public static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object convert(JsonValue value, Class<?> type) {
        if (type == String.class) {
            return ((JsonString) value).getString();
        }
        if (type == Integer.class) {
            return ((JsonNumber) value).bigDecimalValue().intValueExact();
        }
        if (type == Long.class) {
            return ((JsonNumber) value).bigDecimalValue().longValueExact();
        }
        if (type == Boolean.class) {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw new IllegalArgumentException("not a boolean");
        }
        if (type == UUID.class) {
            String text = ((JsonString) value).getString();
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not a canonical UUID");
            }
            return uuid;
        }
        if (type == Instant.class) {
            return OffsetDateTime.parse(((JsonString) value).getString()).toInstant();
        }
        if (type.isEnum()) {
            String text = ((JsonString) value).getString();
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("not one of the allowed values");
        }
        throw new IllegalStateException("unsupported request field type " + type.getName());
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return "must be an integer";
        }
        if (type == Boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Instant.class) {
            return "must be an RFC 3339 timestamp with an offset, e.g. 2026-01-31T09:00:00Z";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "must be a string";
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }
}
