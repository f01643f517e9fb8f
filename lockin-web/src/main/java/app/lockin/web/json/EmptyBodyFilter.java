package app.lockin.web.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.util.Set;

/**
 * For {@link EmptyBody} endpoints: no body, a blank one, or {@code {}} pass; an object with
 * fields answers 400 {@code unknown_field} naming them; a body that is not JSON 415; anything
 * else 400 {@code malformed_json}.
 * Runs after authentication, so an unauthenticated caller still gets 401 first.
 */
@Provider
@EmptyBody
@Priority(Priorities.ENTITY_CODER)
public class EmptyBodyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        if (RequestBodyReader.isBlank(body)) {
            return;
        }
        RequestBodyReader.requireJson(request.getMediaType());
        RecordBinding.refuseUnknown(RequestBodyReader.parseObject(body), Set.of());
    }
}
