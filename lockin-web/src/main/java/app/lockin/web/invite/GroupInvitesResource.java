package app.lockin.web.invite;

import app.lockin.ejb.invite.InviteService;
import app.lockin.ejb.invite.SentInvite;
import app.lockin.web.Responses;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * {@code POST /api/groups/{id}:invite} (SPEC §6): its own root resource, more literal than
 * {@code groups}, so JAX-RS routes it here rather than to the group resource.
 */
@Path("groups/{id}:invite")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupInvitesResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    InviteService invites;

    /** 201 with the new invite, or 200 with the invite that was already pending. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") UUID groupId, @Valid InviteRequest body) {
        SentInvite sent = invites.invite(groupId, currentUser.id(), body.recipientId());
        return sent.created()
                ? Responses.created("/api/notifications/" + sent.invite().id(), sent.invite())
                : Response.ok(sent.invite()).build();
    }
}
