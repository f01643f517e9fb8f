package app.lockin.web.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Reads an {@link OptionalBody} sent with no {@code Content-Type} at all (typically no body):
 * {@link RequestBodyReader} reads only JSON, so this one takes any other type for those
 * parameters alone, and refuses a body that is not JSON with 415.
 */
@Provider
@Priority(Priorities.USER - 1000)
@Consumes(MediaType.WILDCARD)
public class OptionalBodyReader extends RequestBodyReader {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return super.isReadable(type, genericType, annotations, mediaType)
                && Arrays.stream(annotations).anyMatch(a -> a instanceof OptionalBody);
    }
}
