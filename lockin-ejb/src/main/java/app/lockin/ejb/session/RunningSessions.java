package app.lockin.ejb.session;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The running-sessions figure of SPEC §17's metrics: one count over the partial index
 * {@code sessions_running_since_idx} (V10_1), which holds the running sessions only, so it costs
 * what is running now, never what history holds.
 */
@Stateless
public class RunningSessions {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from sessions where status = 'running'")
                .getSingleResult()).longValue();
    }
}
