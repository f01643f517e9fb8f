package app.lockin.web.live;

import app.lockin.web.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** {@code GET /api/me/events}: the caller's own stream — the unread count and new notifications (SPEC §11). */
@Path("me/events")
@RequestScoped
public class InboxEventsResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    LiveStreams streams;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        streams.openInboxStream(currentUser.id(), currentUser.tokenExpiresAt(), sink, sse);
    }
}
