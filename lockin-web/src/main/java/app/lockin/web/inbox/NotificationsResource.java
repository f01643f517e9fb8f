package app.lockin.web.inbox;

import app.lockin.ejb.inbox.InboxCursor;
import app.lockin.ejb.inbox.InboxPage;
import app.lockin.ejb.inbox.InboxService;
import app.lockin.ejb.inbox.NotificationView;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.json.QueryParameters;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/** {@code /api/notifications} (SPEC §8): the caller's inbox. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    InboxService inbox;

    /** A page; the cursor is the {@code next_cursor} of the previous page, both parts or neither. */
    @GET
    public InboxPage page(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
                          @QueryParam("cursor_created_at") String cursorCreatedAt,
                          @QueryParam("cursor_id") String cursorId) {
        QueryParameters query = new QueryParameters();
        boolean unreadOnly = query.bool("unread", unread, false);
        int size = query.integer("limit", limit, InboxService.DEFAULT_LIMIT, 1, InboxService.MAX_LIMIT);
        Instant createdAt = query.instant("cursor_created_at", cursorCreatedAt);
        UUID id = query.uuid("cursor_id", cursorId);
        if ((cursorCreatedAt == null) != (cursorId == null)) {
            query.refuse(cursorCreatedAt == null ? "cursor_created_at" : "cursor_id",
                    "cursor_created_at and cursor_id are sent together (the next_cursor of the previous page)");
        }
        query.throwIfInvalid();
        return inbox.page(currentUser.id(), unreadOnly, createdAt == null ? null : new InboxCursor(createdAt, id), size);
    }

    @GET
    @Path("{id}")
    public NotificationView get(@PathParam("id") UUID id) {
        return inbox.get(id, currentUser.id());
    }

    @POST
    @Path("{id}:read")
    @EmptyBody
    public NotificationView markRead(@PathParam("id") UUID id) {
        return inbox.markRead(id, currentUser.id());
    }
}
