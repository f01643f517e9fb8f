package app.lockin.web.maintenance;

import app.lockin.ejb.maintenance.ArchivalService;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/maintenance}: operator actions (SPEC §9). The operator role is read from the token
 * here and handed to the service, which decides (403 for everyone else).
 */
@Path("maintenance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    ArchivalService archival;

    @POST
    @Path("archive-expired-groups")
    @EmptyBody
    public ArchivalResult archiveExpiredGroups() {
        return new ArchivalResult(archival.archiveExpiredGroups(currentUser.id(), currentUser.isOperator()));
    }

    /** {@code { archived: n }}: how many groups this call archived. */
    public record ArchivalResult(int archived) {
    }
}
