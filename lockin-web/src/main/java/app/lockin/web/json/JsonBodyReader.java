package app.lockin.web.json;

import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Reads every JSON request body: a JSON object into a request record (or a {@link JsonObject}
 * for PATCH bodies, where "absent" and "null" differ). Malformed JSON answers
 * {@code malformed_json}, an unknown field {@code unknown_field}, a wrong type
 * {@code validation_failed} naming the field — never a silent default.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodyReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() || type == JsonObject.class;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        JsonObject json = readObject(entityStream);
        if (JsonObject.class.equals(type)) {
            return json;
        }
        return JsonFields.toRecord(json, (Class) type);
    }

    private static JsonObject readObject(InputStream entityStream) throws IOException {
        byte[] body = entityStream.readAllBytes();
        if (isBlank(body)) {
            throw new InvalidInputException("validation_failed", "A JSON object body is required",
                    List.of(new FieldError("body", "required")));
        }
        return parseObject(body);
    }

    /** A body that must be one JSON object: anything else answers {@code malformed_json}. */
    public static JsonObject parseObject(byte[] body) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidInputException("malformed_json", "The body is not valid JSON", List.of());
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
