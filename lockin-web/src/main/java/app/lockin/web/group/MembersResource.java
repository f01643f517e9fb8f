package app.lockin.web.group;

import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.group.MemberChanges;
import app.lockin.ejb.group.MemberService;
import app.lockin.ejb.group.MemberView;
import app.lockin.web.Responses;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** {@code /api/groups/{id}/members} (SPEC §5). */
@Path("groups/{id}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MembersResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    MemberService members;

    @GET
    public List<MemberView> list(@PathParam("id") UUID groupId) {
        return members.list(groupId, currentUser.id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("id") UUID groupId, @Valid AddMemberRequest body) {
        MemberView added = members.add(groupId, currentUser.id(), body.userId(), body.role());
        return Responses.created("/api/groups/" + groupId + "/members/" + added.userId(), added);
    }

    @GET
    @Path("{userId}")
    public MemberView get(@PathParam("id") UUID groupId, @PathParam("userId") UUID userId) {
        return members.get(groupId, currentUser.id(), userId);
    }

    @PATCH
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemberView change(@PathParam("id") UUID groupId, @PathParam("userId") UUID userId,
                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid MemberPatch body) {
        var changes = new MemberChanges(body.has("override_period_target_minutes"),
                body.overridePeriodTargetMinutes(), body.has("role"), body.role());
        return members.change(groupId, currentUser.id(), userId, changes, IfMatch.parse(ifMatch));
    }

    @DELETE
    @Path("{userId}")
    public Response remove(@PathParam("id") UUID groupId, @PathParam("userId") UUID userId) {
        members.remove(groupId, currentUser.id(), userId);
        return Response.noContent().build();
    }
}
