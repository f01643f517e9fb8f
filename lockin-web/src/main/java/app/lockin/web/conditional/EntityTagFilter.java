package app.lockin.web.conditional;

import app.lockin.ejb.common.TaggedView;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * The {@code ETag} of every 2xx answer whose body is a {@link TaggedView} (SPEC §15): one place for
 * {@code GET}/{@code PATCH /api/me}, {@code GET /api/groups/{id}} and the member answers. Response
 * filters run from the highest priority down, so this one runs before the idempotency filter
 * stores the answer with its tag.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class EntityTagFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 == 2 && response.getEntity() instanceof TaggedView view) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, view.entityTag());
        }
    }
}
