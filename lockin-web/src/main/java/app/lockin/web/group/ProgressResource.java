package app.lockin.web.group;

import app.lockin.ejb.session.ProgressRow;
import app.lockin.ejb.session.ProgressService;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
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

    @EJB
    ProgressService progress;

    @GET
    @Path("current")
    public List<ProgressRow> current(@PathParam("id") UUID groupId) {
        return progress.current(groupId, currentUser.id());
    }
}
