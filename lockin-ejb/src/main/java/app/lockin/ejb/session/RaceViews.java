package app.lockin.ejb.session;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.live.LiveChange;
import app.lockin.ejb.live.LiveListener;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/groups/{id}/progress/current} from memory: the race view is read far more often
 * than it changes, so this server keeps one {@link RaceSnapshot} per group and computes each answer
 * from it and the clock (the seconds of open logs, expected_seconds, pace, the period) with no
 * database round trip and no transaction.
 *
 * <p>A snapshot is dropped when a change of its group is announced ({@code LivePublisher}: every
 * change that alters a race row notifies, on every server), at once when the change was committed
 * by this server, and all of them when the listener reconnects (notifications may have been lost);
 * while the listener is down nothing is kept. A snapshot is also not used when the period has
 * rolled over, the clock went back, a session of the group is due to be stopped (SPEC §15), or the
 * rows would show a milestone not yet awarded (SPEC §7): those reads go to the database, as every
 * read did before, and build a new snapshot.
 *
 * <p>A read that builds a snapshot while a change commits must not keep what it read before the
 * change: it takes the group's slot before reading and stores its snapshot only if that very slot
 * is still there ({@link ConcurrentHashMap#replace(Object, Object, Object)}); an invalidation
 * removes the slot, so a build that overlapped one is never stored. Readers of the group that
 * arrive while a build is under way wait for it rather than each reading the database
 * ({@link RaceSlots}: once per burst; a reader arriving after an invalidation does not wait for the
 * build it overlapped).
 */
@ApplicationScoped
public class RaceViews {

    /** Groups kept per server (about 5 KB each with 20 members); beyond it some are dropped. */
    static final int MAX_GROUPS = RaceSlots.MAX_GROUPS;

    @EJB
    private LiveListener listener;

    @EJB
    private ProgressService progress;

    @Inject
    private LockinClock clock;

    private final RaceSlots slots = new RaceSlots(() -> listener.isConnected());

    @PostConstruct
    void listen() {
        listener.subscribeCache(this::changed);
    }

    void changed(LiveChange change) {
        if (change.kind().equals(LiveChange.RESYNC)) {
            slots.clear();
        } else if (change.groupId() != null) {
            slots.drop(change.groupId());
        }
    }

    /** The race view of the group at the clock's now, members only (404 otherwise), as {@link ProgressService#current}. */
    public List<ProgressRow> current(UUID groupId, UUID userId) {
        return slots.rows(groupId, snapshot -> rowsAt(snapshot, userId), () -> progress.snapshot(groupId, userId));
    }

    /** The rows of a kept (or just built) snapshot for this member now; null when the database must be read again. */
    private List<ProgressRow> rowsAt(RaceSnapshot snapshot, UUID userId) {
        Instant now = clock.now();
        if (!snapshot.validAt(now) || snapshot.sessionDue(now, ForgottenSessions.maxRun())) {
            return null;
        }
        if (!snapshot.hasMember(userId)) {
            throw new NotFoundException("No such group"); // a member removed: that change dropped the snapshot
        }
        List<ProgressRow> rows = snapshot.rowsAt(now);
        return snapshot.milestonesMissing(rows) ? null : rows;
    }

    /** How many groups this server holds (tests). */
    public int size() {
        return slots.size();
    }
}
