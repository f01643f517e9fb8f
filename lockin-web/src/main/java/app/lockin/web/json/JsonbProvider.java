package app.lockin.web.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;

/**
 * JSON as SPEC §1 spells it. Responses: snake_case names, and null fields present as {@code null}
 * rather than dropped, so a client always sees the whole shape; instants as RFC 3339 in UTC with
 * {@code Z}. Requests: the same names, values read strictly ({@link RequestScalars}).
 */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true)
            .withDeserializers(RequestScalars.deserializers()));

    /** {@code value} as a response body would carry it (used where no JAX-RS response writes it: live events). */
    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    /** The JSON name of a Java property under this naming: {@code periodTargetMinutes} -&gt; {@code period_target_minutes}. */
    public static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
