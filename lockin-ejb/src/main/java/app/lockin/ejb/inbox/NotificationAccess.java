package app.lockin.ejb.inbox;

import app.lockin.ejb.common.NotFoundException;
import app.lockin.persistence.inbox.Notification;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * The one visibility rule of notifications (SPEC §1): a notification exists only for its
 * recipient; to anyone else (the inviter included) it does not exist (404). Applied by the inbox
 * and the invite services before they read or change a notification. Group visibility is
 * {@link app.lockin.ejb.group.GroupAccess}; a notification is not under a group's visibility
 * (an invite is addressed to someone who is not a member yet).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class NotificationAccess {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    /** The caller's notification, or 404. */
    public Notification recipientOf(UUID notificationId, UUID callerId) {
        return find(notificationId, callerId, LockModeType.NONE);
    }

    /**
     * As {@link #recipientOf}, with the row locked until commit (SELECT … FOR UPDATE): changes of
     * one notification (read, accept, decline) run one after the other, each seeing the previous
     * outcome, so concurrent accepts of one invite create exactly one membership.
     */
    public Notification recipientOfLocked(UUID notificationId, UUID callerId) {
        return find(notificationId, callerId, LockModeType.PESSIMISTIC_WRITE);
    }

    private Notification find(UUID notificationId, UUID callerId, LockModeType lock) {
        return em.createQuery("select n from Notification n where n.id = :id and n.recipientId = :recipientId",
                        Notification.class)
                .setParameter("id", notificationId)
                .setParameter("recipientId", callerId)
                .setLockMode(lock)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No such notification"));
    }
}
