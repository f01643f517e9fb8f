package app.lockin.web.json;

import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every JSON request body into its request record (a {@link Patch} too) with the
 * answers SPEC §1 names: a body that is not JSON {@code malformed_json}, not one object
 * {@code malformed_json}, an unknown field {@code unknown_field}, a value of the wrong type
 * {@code validation_failed} naming the field. Binding itself is JSON-B's ({@link RecordBinding});
 * Bean Validation then checks the record's constraints.
 */
@Provider
// Liberty's own JSON-B reader also reads records as application/json, and with equal media types
// and priorities the runtime picked one or the other per deployment (PATCH bodies then lost which
// fields were sent): a higher priority than an application provider's default makes it this one.
@Priority(Priorities.USER - 1000)
@Consumes(MediaType.APPLICATION_JSON)
public class RequestBodyReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = entityStream.readAllBytes();
        JsonObject json;
        if (isBlank(body)) {
            if (Arrays.stream(annotations).noneMatch(a -> a instanceof OptionalBody)) {
                throw new FieldChecks().refuse("body", "a JSON object body is required").failure();
            }
            json = JsonValue.EMPTY_JSON_OBJECT;
        } else {
            requireJson(mediaType);
            json = parseObject(body);
        }
        return RecordBinding.bind(json, (Class) type);
    }

    /** 415 for a body in another format than JSON. */
    static void requireJson(MediaType type) {
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException();
        }
    }

    /** A body that must be one JSON object: anything else answers {@code malformed_json}. */
    static JsonObject parseObject(byte[] body) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            // JsonException for bad syntax; a plain RuntimeException from the parser's depth limit
            // (SPEC §16: a body nested arbitrarily deep is malformed_json, never a 500)
            throw new InvalidInputException("malformed_json", "The body is not valid JSON, or is nested too deeply",
                    List.of());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException("malformed_json", "The body must be a JSON object", List.of());
        }
        return value.asJsonObject();
    }

    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
