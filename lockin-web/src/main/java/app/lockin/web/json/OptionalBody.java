package app.lockin.web.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;

/**
 * A request body that may be absent: a creation whose fields are all optional may send none
 * ({@code POST /api/sessions}). A body that is sent follows the usual rules: JSON only (415), one
 * object ({@code malformed_json}), no unknown field. Actions that take no body at all are
 * {@link EmptyBody} endpoints.
 */
public final class OptionalBody {

    private OptionalBody() {
    }

    /** The body as a JSON object; an absent or blank body reads as {@code {}}. */
    public static JsonObject object(String body, MediaType type) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException();
        }
        return JsonBodyReader.parseObject(body.getBytes(StandardCharsets.UTF_8));
    }


    /** The body as the request record {@code type}, every field optional. */
    public static <R extends Record> R record(String body, MediaType mediaType, Class<R> type) {
        return JsonFields.toRecord(object(body, mediaType), type);
    }
}
