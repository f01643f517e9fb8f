package app.lockin.ejb.inbox;

import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.inbox.Notification;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The caller's inbox (SPEC §8): keyset pages, one notification, marking read. */
@Stateless
public class InboxService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @Inject
    private LockinClock clock;

    @EJB
    private NotificationAccess access;

    /**
     * A page of the caller's notifications, newest first ({@code created_at desc, id desc}),
     * starting strictly after {@code after} (null: from the newest). Keyset, never OFFSET: a deep
     * page costs what the first one does. One row more than asked tells whether a next page exists.
     */
    public InboxPage page(UUID callerId, boolean unreadOnly, InboxCursor after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Query query = em.createNativeQuery(pageSql(unreadOnly, after != null), Notification.class)
                .setParameter(1, callerId)
                .setParameter(2, limit + 1);
        if (after != null) {
            // bound with its offset (timestamptz): a bare timestamp would be read in the session's time zone
            query.setParameter(3, after.createdAt().atOffset(ZoneOffset.UTC)).setParameter(4, after.id());
        }
        @SuppressWarnings("unchecked")
        List<Notification> rows = query.getResultList();
        List<NotificationView> items = rows.stream().limit(limit).map(NotificationView::of).toList();
        InboxCursor next = null;
        if (rows.size() > limit) {
            NotificationView last = items.get(items.size() - 1);
            next = new InboxCursor(last.createdAt(), last.id());
        }
        return new InboxPage(items, next);
    }

    /**
     * The page query: ?1 recipient, ?2 row limit, ?3 and ?4 the cursor's created_at and id. The
     * row comparison {@code (created_at, id) < (?3, ?4)} is one range condition on the index
     * {@code notifications_inbox_idx (recipient_id, created_at desc, id desc)} (or its partial
     * twin {@code notifications_inbox_unread_idx} for unread only), read in index order with no
     * sort. Public for the query-plan measurement ({@code InboxPlanMeasurement}).
     */
    public static String pageSql(boolean unreadOnly, boolean afterCursor) {
        return "select n.* from notifications n where n.recipient_id = ?1"
                + (unreadOnly ? " and n.read_at is null" : "")
                + (afterCursor ? " and (n.created_at, n.id) < (?3, ?4)" : "")
                + " order by n.created_at desc, n.id desc limit ?2";
    }

    public NotificationView get(UUID notificationId, UUID callerId) {
        return NotificationView.of(access.recipientOf(notificationId, callerId));
    }

    /**
     * Sets read_at (and status read unless the invite was already accepted or declined). Idempotent:
     * a second call keeps the first read_at.
     */
    public NotificationView markRead(UUID notificationId, UUID callerId) {
        Notification notification = access.recipientOfLocked(notificationId, callerId);
        notification.markRead(clock.now());
        em.flush();
        live.inboxChanged(callerId);
        return NotificationView.of(notification);
    }
}
