package app.lockin.web.group;

import app.lockin.ejb.session.ProgressRow;
import app.lockin.ejb.session.RaceViews;
import app.lockin.web.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** {@code GET /api/groups/{id}/progress/current}: the race view of the group's current period (SPEC §7). */
@Path("groups/{id}/progress")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    RaceViews races;

    @GET
    @Path("current")
    public List<ProgressRow> current(@PathParam("id") UUID groupId) {
        return races.current(groupId, currentUser.id()); // from memory, see RaceViews
    }
}
