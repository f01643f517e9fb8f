package app.lockin.web.json;

import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a request's JSON object to its record with JSON-B, refusing what JSON-B would let pass
 * or report badly: fields the record does not have ({@code unknown_field}, all of them named)
 * and, since JSON-B stops at the first value it cannot convert, every such value named in one
 * answer — the fields are then bound one by one, only to find which ones fail.
 */
final class RecordBinding {

    private static final String SENT_FIELDS = "sentFields";

    private RecordBinding() {
    }

    static <R extends Record> R bind(JsonObject json, Class<R> type) {
        boolean patch = Patch.class.isAssignableFrom(type);
        RecordComponent[] components = Arrays.stream(type.getRecordComponents())
                .filter(c -> !(patch && c.getName().equals(SENT_FIELDS))).toArray(RecordComponent[]::new);
        refuseUnknown(json, Arrays.stream(components).map(c -> JsonbProvider.jsonName(c.getName())).collect(Collectors.toSet()));
        FieldChecks checks = new FieldChecks();
        if (patch) {
            for (RecordComponent c : components) {
                String name = JsonbProvider.jsonName(c.getName());
                if (json.get(name) == JsonValue.NULL && !c.isAnnotationPresent(Removable.class)) {
                    checks.refuse(name, "must not be null");
                }
            }
        }
        try {
            R bound = JsonbProvider.JSONB.fromJson((patch ? withSentFields(json) : json).toString(), type);
            checks.throwIfAny();
            return bound;
        } catch (JsonbException e) {
            for (RecordComponent c : components) {
                String name = JsonbProvider.jsonName(c.getName());
                if (json.containsKey(name) && !fits(type, name, json.get(name))) {
                    checks.refuse(JsonbProvider.jsonName(c.getName()), RequestScalars.expectation(c.getGenericType()));
                }
            }
            if (!checks.hasErrors()) {
                throw new InvalidInputException("malformed_json", "The body does not fit this request", List.of());
            }
            throw checks.failure();
        }
    }

    /** The object with the names of its own fields added as {@code sent_fields}, for a {@link Patch}. */
    private static JsonObject withSentFields(JsonObject json) {
        return Json.createObjectBuilder(json)
                .add(JsonbProvider.jsonName(SENT_FIELDS), Json.createArrayBuilder(json.keySet())).build();
    }

    /** Refuses fields outside {@code known} with 400 {@code unknown_field} (SPEC §1), naming every one. */
    static void refuseUnknown(JsonObject json, Set<String> known) {
        var unknown = json.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .map(k -> new FieldError(k, "unknown field")).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown_field", "Unknown field(s): "
                    + unknown.stream().map(FieldError::field).collect(Collectors.joining(", ")), unknown);
        }
    }

    /** Whether the record binds with this one field alone (every field of a request record may be absent). */
    private static boolean fits(Class<? extends Record> type, String name, JsonValue value) {
        try {
            JsonbProvider.JSONB.fromJson(Json.createObjectBuilder().add(name, value).build().toString(), type);
            return true;
        } catch (JsonbException e) {
            return false;
        }
    }
}
