package app.lockin.web.invite;

import app.lockin.ejb.inbox.NotificationView;
import app.lockin.ejb.invite.AcceptedInvite;
import app.lockin.ejb.invite.InviteService;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** {@code /api/invites/{id}:accept} and {@code :decline} (SPEC §6), for the invite's recipient only. */
@Path("invites")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InvitesResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    InviteService invites;

    @POST
    @Path("{id}:accept")
    @EmptyBody
    public AcceptedInvite accept(@PathParam("id") UUID id) {
        return invites.accept(id, currentUser.id());
    }

    @POST
    @Path("{id}:decline")
    @EmptyBody
    public NotificationView decline(@PathParam("id") UUID id) {
        return invites.decline(id, currentUser.id());
    }
}
