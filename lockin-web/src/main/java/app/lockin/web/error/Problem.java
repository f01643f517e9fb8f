package app.lockin.web.error;

import app.lockin.ejb.common.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An {@code application/problem+json} body (RFC 9457) as SPEC §1 shapes it:
 * {@code type, title, status, detail, code} and, for field-level refusals, {@code errors}.
 * The type is a URN built from the code; the title is the status's reason phrase.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:lockin:problem:";

    private Problem() {
    }

    public static Response response(int status, String code, String detail) {
        return response(status, code, detail, List.of());
    }

    public static Response response(int status, String code, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, code, detail, errors).toString()).build();
    }

    public static JsonObject body(int status, String code, String detail, List<FieldError> errors) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", TYPE_PREFIX + code)
                .add("title", title(status))
                .add("status", status)
                .add("detail", detail == null ? title(status) : detail)
                .add("code", code);
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            errors.forEach(e -> list.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build();
    }

    /** What to tell a client about a bare HTTP status the runtime answered by itself. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required";
            case 403 -> "Not allowed";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "Responses are application/json";
            case 415 -> "Request bodies must be application/json";
            default -> status >= 500 ? "The server could not answer this request" : "The request was refused";
        };
    }

    /** The code SPEC §1 uses for a bare HTTP status (one the application did not name itself). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "validation_failed";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }

    private static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> "Error";
        };
    }
}
