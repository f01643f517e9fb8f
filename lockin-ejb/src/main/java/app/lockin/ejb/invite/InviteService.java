package app.lockin.ejb.invite;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.DatabaseRules;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.group.GroupAccess;
import app.lockin.ejb.group.GroupRules;
import app.lockin.ejb.group.Memberships;
import app.lockin.ejb.inbox.NotificationAccess;
import app.lockin.ejb.inbox.NotificationTexts;
import app.lockin.ejb.inbox.NotificationView;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.inbox.Notification;
import app.lockin.persistence.inbox.NotificationKind;
import app.lockin.persistence.inbox.NotificationStatus;
import app.lockin.persistence.profile.Profile;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Invites (SPEC §6): a group's owner or admin invites a person, who accepts (becoming a member)
 * or declines. An invite is a notification of kind group_invite, pending while unread or read.
 */
@Stateless
public class InviteService {

    private static final Logger LOG = Logger.getLogger(InviteService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess groupAccess;

    @EJB
    private NotificationAccess notificationAccess;

    /**
     * Invites {@code recipientId} to the group (owner or admin). While an invite of that
     * person to that group is pending, it is returned instead of a second one: the partial unique
     * index notifications_one_pending_invite decides, so simultaneous invites leave one.
     */
    public SentInvite invite(UUID groupId, UUID callerId, UUID recipientId) {
        Membership inviter = groupAccess.manager(groupId, callerId);
        Profile recipient = em.find(Profile.class, recipientId);
        if (recipient == null) {
            throw new NotFoundException("No such user");
        }
        FocusGroup group = inviter.getGroup();
        Memberships.checkCanJoin(em, group, recipient.getId());
        NotificationTexts.Text text = NotificationTexts.invite(inviter.getUser().getDisplayName(), group.getName());
        // a pending invite may be accepted or declined between the insert and the select; the
        // second round then inserts (or finds) the one that is pending now
        for (int attempt = 0; attempt < 2; attempt++) {
            List<?> inserted = em.createNativeQuery("""
                            insert into notifications (recipient_id, kind, status, title, body, group_id, actor_id)
                            values (?1, 'group_invite', 'unread', ?2, ?3, ?4, ?5)
                            on conflict (group_id, recipient_id)
                                where kind = 'group_invite' and status in ('unread', 'read')
                                do nothing
                            returning id""", UUID.class)
                    .setParameter(1, recipient.getId())
                    .setParameter(2, text.title())
                    .setParameter(3, text.body())
                    .setParameter(4, group.getId())
                    .setParameter(5, callerId)
                    .getResultList();
            if (!inserted.isEmpty()) {
                Notification invite = em.find(Notification.class, inserted.get(0));
                LOG.info(() -> "Invite " + invite.getId() + " to group " + groupId + " sent by " + callerId);
                live.notified(invite.getRecipientId(), invite.getId());
                return new SentInvite(true, NotificationView.of(invite));
            }
            List<Notification> pending = em.createQuery("""
                            select n from Notification n
                            where n.groupId = :groupId and n.recipientId = :recipientId
                              and n.kind = :kind and n.status in :pending""", Notification.class)
                    .setParameter("groupId", group.getId())
                    .setParameter("recipientId", recipient.getId())
                    .setParameter("kind", NotificationKind.GROUP_INVITE)
                    .setParameter("pending", List.of(NotificationStatus.UNREAD, NotificationStatus.READ))
                    .getResultList();
            if (!pending.isEmpty()) {
                return new SentInvite(false, NotificationView.of(pending.get(0)));
            }
        }
        throw new ConflictException("conflict", "The invite changed while it was being sent; try again");
    }

    /**
     * The recipient accepts: becomes a member, the invite becomes accepted (read_at set). The
     * invite row is locked first, so of simultaneous accepts one succeeds and the others then
     * find it no longer pending.
     */
    public AcceptedInvite accept(UUID inviteId, UUID callerId) {
        Notification invite = pendingInvite(inviteId, callerId);
        FocusGroup group = em.find(FocusGroup.class, invite.getGroupId());
        Profile recipient = em.find(Profile.class, callerId);
        Membership membership = Memberships.add(em, group, recipient, MemberRole.MEMBER);
        invite.accept(clock.now());
        DatabaseRules.flush(em, GroupRules.DATABASE_MEANINGS);
        LOG.info(() -> "Invite " + inviteId + " accepted: " + callerId + " joined group " + group.getId());
        live.progressChanged(group.getId());
        live.inboxChanged(callerId);
        return new AcceptedInvite(NotificationView.of(invite), AcceptedInvite.NewMembership.of(membership));
    }

    /** The recipient declines; the invite becomes declined (read_at set) and a new one may be sent. */
    public NotificationView decline(UUID inviteId, UUID callerId) {
        Notification invite = pendingInvite(inviteId, callerId);
        invite.decline(clock.now());
        em.flush();
        LOG.info(() -> "Invite " + inviteId + " declined by " + callerId);
        live.inboxChanged(callerId);
        return NotificationView.of(invite);
    }

    /** The caller's invite, locked; 404 for anyone else or for a notification that is no invite; 409 when decided. */
    private Notification pendingInvite(UUID inviteId, UUID callerId) {
        Notification invite = notificationAccess.recipientOfLocked(inviteId, callerId);
        if (invite.getKind() != NotificationKind.GROUP_INVITE) {
            throw new NotFoundException("No such invite");
        }
        if (!invite.isPendingInvite()) {
            throw new ConflictException("invite_not_pending",
                    "The invite was already " + WireNames.of(invite.getStatus()) + ": it is no longer pending");
        }
        return invite;
    }
}
