package app.lockin.web.invite;

import app.lockin.ejb.invite.InviteLinkPreview;
import app.lockin.ejb.invite.InviteLinkService;
import app.lockin.ejb.invite.JoinedGroup;
import app.lockin.web.Responses;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/invite-links/{code}} and {@code {code}:join} (SPEC §13), for any signed-in person.
 * {@code {code}:join} has more literal characters than {@code {code}}, so JAX-RS routes the join
 * there.
 */
@Path("invite-links")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InviteLinksResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    InviteLinkService links;

    @GET
    @Path("{code}")
    public InviteLinkPreview preview(@PathParam("code") String code) {
        return links.preview(code, currentUser.id());
    }

    /** 201 with the new membership, or 200 with the existing one (no use consumed). */
    @POST
    @Path("{code}:join")
    @EmptyBody
    public Response join(@PathParam("code") String code) {
        JoinedGroup joined = links.join(code, currentUser.id());
        var membership = joined.membership();
        return joined.created()
                ? Responses.created("/api/groups/" + membership.groupId() + "/members/" + membership.userId(), membership)
                : Response.ok(membership).build();
    }
}
