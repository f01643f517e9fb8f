package app.lockin.web.invite;

import app.lockin.ejb.invite.InviteLinkService;
import app.lockin.ejb.invite.InviteLinkView;
import app.lockin.web.Responses;
import app.lockin.web.json.OptionalBody;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** {@code /api/groups/{id}/invite-links} (SPEC §13): the group's links, for its owner and admins. */
@Path("groups/{id}/invite-links")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupInviteLinksResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    InviteLinkService links;

    /** The body may be left out: 168 hours, 100 uses. */
    @POST
    public Response create(@PathParam("id") UUID groupId, @OptionalBody @Valid CreateInviteLinkRequest body) {
        InviteLinkView link = links.create(groupId, currentUser.id(), body == null ? null : body.expiresInHours(),
                body == null ? null : body.maxUses());
        return Responses.created("/api/groups/" + groupId + "/invite-links/" + link.code(), link);
    }

    @GET
    public List<InviteLinkView> list(@PathParam("id") UUID groupId) {
        return links.list(groupId, currentUser.id());
    }

    @DELETE
    @Path("{code}")
    public Response revoke(@PathParam("id") UUID groupId, @PathParam("code") String code) {
        links.revoke(groupId, currentUser.id(), code);
        return Response.noContent().build();
    }
}
