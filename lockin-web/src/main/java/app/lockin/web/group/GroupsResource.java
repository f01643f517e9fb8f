package app.lockin.web.group;

import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.group.GroupService;
import app.lockin.ejb.group.GroupView;
import app.lockin.web.Responses;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.json.QueryParameters;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * {@code /api/groups} (SPEC §5, §13). {@code {id}:clone} is a separate template: JAX-RS prefers the
 * template with more literal characters, so {@code POST /api/groups/{id}:clone} is never taken
 * for {@code /api/groups/{id}}.
 */
@Path("groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    GroupService groups;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid CreateGroupRequest body) {
        GroupView created = groups.create(currentUser.id(), body.toNewGroup());
        return Responses.created(location(created), created);
    }

    @GET
    public List<GroupView> list(@QueryParam("status") String status) {
        QueryParameters query = new QueryParameters();
        String chosen = query.oneOf("status", status, GroupService.STATUSES, "active");
        query.throwIfInvalid();
        return groups.mine(currentUser.id(), chosen);
    }

    @GET
    @Path("{id}")
    public GroupView get(@PathParam("id") UUID id) {
        return groups.get(id, currentUser.id());
    }

    @POST
    @Path("{id}:clone")
    @EmptyBody
    public Response cloneGroup(@PathParam("id") UUID id) {
        GroupView copy = groups.cloneGroup(id, currentUser.id());
        return Responses.created(location(copy), copy);
    }

    /** SPEC §13: owner or admin change name, description, end_at or the target. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupView update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid GroupPatch body) {
        return groups.update(id, currentUser.id(), body.toChanges(), IfMatch.parse(ifMatch));
    }

    /** SPEC §13: the owner hands the group to another member (one of the two actions with a body). */
    @POST
    @Path("{id}:transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupView transfer(@PathParam("id") UUID id, @Valid TransferRequest body) {
        return groups.transfer(id, currentUser.id(), body.userId());
    }

    private static String location(GroupView group) {
        return "/api/groups/" + group.id();
    }
}
