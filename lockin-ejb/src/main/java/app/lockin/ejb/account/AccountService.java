package app.lockin.ejb.account;

import app.lockin.ejb.common.AfterCommit;
import app.lockin.ejb.common.Instants;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.inbox.NotificationView;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.ejb.profile.AvatarService;
import app.lockin.ejb.session.ForgottenSessions;
import app.lockin.ejb.session.Milestones;
import app.lockin.ejb.session.SessionViews;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.inbox.Notification;
import app.lockin.persistence.session.SessionParticipant;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Account export and deletion (SPEC §14).
 *
 * <p>Deletion is the database's {@code delete_account()} (V10), in this transaction: the heir
 * rules for owned groups and hosted sessions, and the foreign keys to {@code profiles}, each of
 * which either does what §14 says or refuses. This bean tells the live streams what changed (on
 * every server, through {@link LivePublisher}), and deletes the avatar object from S3 once the
 * deletion has committed (best effort: a failure is logged, the account stays deleted).
 *
 * <p>A token of the deleted identity still passes validation until it expires: its next request
 * provisions a brand-new empty profile (SPEC §2, §14), so a repeated {@code DELETE /api/me} answers
 * 204 again, deleting that new profile.
 */
@Stateless
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private ForgottenSessions forgotten;

    @EJB
    private SessionViews sessionViews;

    @EJB
    private Milestones milestones;

    @EJB
    private LivePublisher live;

    @EJB
    private AvatarService avatars;

    /** One row of {@code delete_account()}: what changed for others. */
    record Change(String change, UUID groupId, UUID sessionId, String oldAvatarUrl) {
    }

    public AccountExport export(UUID userId) {
        forgotten.stopDue(); // SPEC §15: the export shows no run longer than the limit either
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<AccountExport.Profile> profile = em.createNativeQuery("""
                        select id, email::text, display_name, avatar_url, created_at, updated_at from profiles where id = ?1""",
                        AccountExport.Profile.class)
                .setParameter(1, userId).getResultList();
        if (profile.isEmpty()) {
            throw new NotFoundException("No such profile"); // deleted while this request was under way
        }
        @SuppressWarnings("unchecked")
        List<AccountExport.Identity> identities = em.createNativeQuery("""
                        select provider, subject from auth_identities where profile_id = ?1 order by provider, subject""",
                        AccountExport.Identity.class)
                .setParameter(1, userId).getResultList();
        @SuppressWarnings("unchecked")
        List<AccountExport.Membership> memberships = em.createNativeQuery("""
                        select g.id, g.name, m.role, m.override_period_target_minutes, m.created_at
                          from group_members m join groups g on g.id = m.group_id
                         where m.user_id = ?1
                         order by m.created_at, g.id""", AccountExport.Membership.class)
                .setParameter(1, userId).getResultList();
        return new AccountExport(now, profile.get(0), identities, memberships, sessions(userId, now), notifications(userId));
    }

    private List<AccountExport.Session> sessions(UUID userId, Instant now) {
        List<SessionParticipant> participations = em.createQuery("""
                        select p from SessionParticipant p join fetch p.session s
                        where p.user.id = :userId
                        order by s.createdAt, s.id""", SessionParticipant.class)
                .setParameter("userId", userId).getResultList();
        @SuppressWarnings("unchecked")
        List<Tuple> logRows = em.createNativeQuery("""
                        select participant_id, id, started_at, ended_at from time_logs
                         where user_id = ?1 order by started_at, id""", Tuple.class)
                .setParameter(1, userId).getResultList();
        Map<UUID, List<AccountExport.Log>> logs = new LinkedHashMap<>();
        for (Tuple row : logRows) {
            logs.computeIfAbsent(row.get("participant_id", UUID.class), p -> new java.util.ArrayList<>())
                    .add(new AccountExport.Log(row.get("id", UUID.class), Instants.fromColumn(row.get("started_at")),
                            Instants.fromColumn(row.get("ended_at"))));
        }
        return participations.stream().map(p -> new AccountExport.Session(
                sessionViews.session(p.getSession(), now),
                new AccountExport.Participation(WireNames.of(p.getRole()), p.getJoinedAt(), p.getLeftAt()),
                logs.getOrDefault(p.getId(), List.of()))).toList();
    }

    private List<NotificationView> notifications(UUID userId) {
        return em.createQuery("""
                        select n from Notification n where n.recipientId = :userId
                        order by n.createdAt desc, n.id desc""", Notification.class)
                .setParameter("userId", userId).getResultStream().map(NotificationView::of).toList();
    }

    /**
     * {@code DELETE /api/me}: the caller's account, in this transaction. Nothing to delete (a
     * profile deleted by a concurrent request) is not an error: the answer is the same 204.
     */
    public void delete(UUID userId) {
        forgotten.stopDue(); // a forgotten session the caller hosts stops at its limit, not now
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Change> changes = em.createNativeQuery(
                        "select change, changed_group, changed_session, old_avatar_url from delete_account(?1, ?2)",
                        Change.class)
                .setParameter(1, userId)
                .setParameter(2, now)
                .getResultList();
        announce(userId, changes);
        String avatarUrl = changes.stream().map(Change::oldAvatarUrl).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        LOG.info(() -> "Account " + userId + " deleted: " + changes.stream().filter(c -> !c.change().equals("avatar"))
                .collect(Collectors.groupingBy(Change::change, Collectors.counting())));
        // after the commit, and only then: a rolled-back deletion keeps its avatar. A plain task, so
        // no container call happens while the transaction completes.
        avatars.deletionOf(userId, avatarUrl).ifPresent(deletion -> AfterCommit.run(transactions, deletion));
    }

    /**
     * SPEC §11 on every server: the person's streams of each group they were in end with
     * {@code revoked} ({@code left}: they left by deleting the account) and every stream of theirs,
     * the inbox too, is closed; the groups' races follow the remaining members (milestones
     * included); changed sessions are pushed.
     */
    private void announce(UUID userId, List<Change> changes) {
        Set<UUID> remainingGroups = new LinkedHashSet<>();
        for (Change c : changes) {
            switch (c.change()) {
                case "member_left", "group_transferred" -> {
                    live.revoked(c.groupId(), userId, true);
                    remainingGroups.add(c.groupId());
                }
                case "group_deleted" -> live.revoked(c.groupId(), userId, true);
                case "session_changed" -> live.sessionChanged(c.groupId(), c.sessionId());
                case "avatar" -> {
                    // deleted from S3 after the commit, see delete()
                }
                default -> throw new IllegalStateException("unknown change " + c.change() + " from delete_account()");
            }
        }
        for (UUID groupId : remainingGroups) {
            milestones.afterTimeChanged(groupId);
            live.progressChanged(groupId);
        }
        live.accountDeleted(userId);
    }

}
