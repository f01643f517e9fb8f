package app.lockin.web.history;

import app.lockin.ejb.history.FocusStats;
import app.lockin.ejb.history.StatsService;
import app.lockin.web.json.QueryParameters;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;

/**
 * {@code GET /api/me/stats?from=&to=&timezone=} (SPEC §12): the caller's own focus per local day.
 * A root resource more literal than {@code me}, so JAX-RS routes it here.
 */
@Path("me/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    StatsService stats;

    @GET
    public FocusStats stats(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("timezone") String timezone) {
        QueryParameters query = new QueryParameters();
        LocalDate first = query.date("from", from);
        LocalDate last = query.date("to", to);
        if (timezone != null && timezone.isEmpty()) {
            query.refuse("timezone", "must be an IANA time zone name");
        }
        query.throwIfInvalid();
        return stats.stats(currentUser.id(), first, last, timezone);
    }
}
