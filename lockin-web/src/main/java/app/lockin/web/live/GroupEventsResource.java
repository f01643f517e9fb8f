package app.lockin.web.live;

import app.lockin.ejb.live.LiveViews;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.UUID;

/**
 * {@code GET /api/groups/{id}/events}: the live race of a group (SPEC §11), members only. The
 * method returns at once; the stream lives on in {@link LiveStreams} without a request thread.
 */
@Path("groups/{id}/events")
@RequestScoped
public class GroupEventsResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    LiveStreams streams;

    @EJB
    LiveViews views;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") UUID groupId, @Context SseEventSink sink, @Context Sse sse) {
        UUID userId = currentUser.id();
        streams.openGroupStream(groupId, userId, currentUser.tokenExpiresAt(), sink, sse,
                () -> views.progressFor(groupId, userId));
    }
}
