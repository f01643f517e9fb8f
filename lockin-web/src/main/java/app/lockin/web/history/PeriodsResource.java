package app.lockin.web.history;

import app.lockin.ejb.history.HistoryService;
import app.lockin.ejb.history.PeriodView;
import app.lockin.web.json.QueryParameters;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/groups/{id}/periods?before=&limit=} (SPEC §12): the group's periods, newest first. */
@Path("groups/{id}/periods")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PeriodsResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    HistoryService history;

    @GET
    public List<PeriodView> periods(@PathParam("id") UUID groupId, @QueryParam("before") String before,
                                    @QueryParam("limit") String limit) {
        QueryParameters query = new QueryParameters();
        Instant until = query.instant("before", before);
        int count = query.integer("limit", limit, HistoryService.DEFAULT_LIMIT, 1, HistoryService.MAX_LIMIT);
        query.throwIfInvalid();
        return history.periods(groupId, currentUser.id(), until, count);
    }
}
