package app.lockin.ejb.live;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.inbox.NotificationView;
import app.lockin.ejb.session.ProgressRow;
import app.lockin.ejb.session.ForgottenSessions;
import app.lockin.ejb.session.ProgressService;
import app.lockin.ejb.session.SessionView;
import app.lockin.ejb.session.SessionViews;
import app.lockin.persistence.inbox.Notification;
import app.lockin.persistence.session.FocusSession;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the live streams send (SPEC §11), read fresh when a change arrives: the first snapshot of a
 * stream checks its subscriber like any request; the pushes that follow are read once for every
 * stream of a group (or of a person) on this server, without a caller.
 */
@Stateless
public class LiveViews {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private ProgressService progress;

    @EJB
    private SessionViews sessions;

    @EJB
    private ForgottenSessions forgotten;

    /** The first event of a group stream: the race view, members only (404 otherwise). */
    public List<ProgressRow> progressFor(UUID groupId, UUID userId) {
        return progress.current(groupId, userId);
    }

    public List<ProgressRow> progress(UUID groupId) {
        return progress.forStreams(groupId);
    }

    /** The session JSON of SPEC §7 as of now; empty when it no longer exists. */
    public Optional<SessionView> session(UUID sessionId) {
        forgotten.stopDue();
        FocusSession session = em.find(FocusSession.class, sessionId);
        return session == null ? Optional.empty() : Optional.of(sessions.session(session, clock.now()));
    }

    public Optional<NotificationView> notification(UUID notificationId) {
        return Optional.ofNullable(em.find(Notification.class, notificationId)).map(NotificationView::of);
    }

    /** Notifications with read_at null (SPEC §11: the inbox event's unread_count). */
    public long unreadCount(UUID userId) {
        return em.createQuery("select count(n) from Notification n where n.recipientId = :userId and n.readAt is null",
                        Long.class)
                .setParameter("userId", userId)
                .getSingleResult();
    }
}
