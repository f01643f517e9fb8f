package app.lockin.ejb.invite;

import app.lockin.ejb.common.Instants;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.group.GroupAccess;
import app.lockin.ejb.group.GroupRules;
import app.lockin.ejb.group.Memberships;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Invite links (SPEC §13): owners and admins make, list and revoke them; any signed-in person
 * previews one and joins through it. A link is live while it is not revoked, not expired, not used
 * up, and its group is active with end_at in the future; anything else answers 404
 * invite_link_invalid to the preview and the join alike.
 *
 * <p>{@code max_uses} is kept by the database: a join consumes a use with a conditional update
 * ({@code uses < max_uses}) and the CHECK invite_links_uses_within_max backs it, so concurrent joins
 * never exceed it. Joining adds the membership through {@link Memberships}, the one place that
 * adds members.
 */
@Stateless
public class InviteLinkService {

    private static final Logger LOG = Logger.getLogger(InviteLinkService.class.getName());

    public static final int DEFAULT_EXPIRES_IN_HOURS = 168;
    public static final int MAX_EXPIRES_IN_HOURS = 720;
    public static final int DEFAULT_MAX_USES = 100;
    public static final int MAX_USES = 1000;

    /** 24 random bytes: 192 bits, 32 base64url characters (the schema asks for at least 128 bits). */
    private static final int CODE_BYTES = 24;
    /** The schema's invite_links_code_shape: anything else cannot be a code. */
    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The conditions of a live link, on invite_links l joined with groups g; ?2 is now. */
    private static final String LIVE = """
            l.revoked_at is null and l.expires_at > ?2 and l.uses < l.max_uses
            and g.status = 'active' and g.end_at > ?2""";

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess groupAccess;

    @EJB
    private LivePublisher live;

    /**
     * A new link (owner or admin) valid {@code expiresInHours} (null: 168) for {@code maxUses}
     * joins (null: 100). The group row is held FOR SHARE so an archival cannot slip in; an
     * archived group, or one whose end_at has passed, answers 409 group_archived.
     */
    public InviteLinkView create(UUID groupId, UUID callerId, Integer expiresInHours, Integer maxUses) {
        Membership caller = groupAccess.manager(groupId, callerId);
        FocusGroup group = caller.getGroup();
        em.refresh(group, LockModeType.PESSIMISTIC_READ);
        Instant now = clock.now();
        if (!group.isOpenAt(now)) {
            throw GroupRules.groupArchived();
        }
        String code = newCode();
        Instant expiresAt = now.plus(Duration.ofHours(expiresInHours == null ? DEFAULT_EXPIRES_IN_HOURS : expiresInHours));
        int uses = maxUses == null ? DEFAULT_MAX_USES : maxUses;
        em.createNativeQuery("""
                        insert into invite_links (code, group_id, created_by, expires_at, max_uses, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, code)
                .setParameter(2, groupId)
                .setParameter(3, callerId)
                .setParameter(4, expiresAt)
                .setParameter(5, uses)
                .setParameter(6, now)
                .executeUpdate();
        LOG.info(() -> "Invite link for group " + groupId + " created by " + callerId);
        return InviteLinkView.of(code, expiresAt, uses, 0, callerId, now);
    }

    /** The group's live links, newest first (owner or admin; a member 403). */
    public List<InviteLinkView> list(UUID groupId, UUID callerId) {
        groupAccess.manager(groupId, callerId);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select l.code, l.expires_at, l.max_uses, l.uses, l.created_by, l.created_at
                          from invite_links l join groups g on g.id = l.group_id
                         where l.group_id = ?1
                           and l.revoked_at is null and l.expires_at > ?2 and l.uses < l.max_uses
                         order by l.created_at desc, l.code""", Tuple.class)
                .setParameter(1, groupId)
                .setParameter(2, clock.now())
                .getResultList();
        return rows.stream()
                .map(row -> InviteLinkView.of(row.get("code", String.class), Instants.fromColumn(row.get("expires_at")),
                        row.get("max_uses", Number.class).intValue(), row.get("uses", Number.class).intValue(),
                        row.get("created_by", UUID.class), Instants.fromColumn(row.get("created_at"))))
                .toList();
    }

    /** Revokes a link of the group (owner or admin): it stops working at once. Unknown or already revoked: 404. */
    public void revoke(UUID groupId, UUID callerId, String code) {
        groupAccess.manager(groupId, callerId);
        int revoked = em.createNativeQuery("""
                        update invite_links set revoked_at = ?3
                         where group_id = ?1 and code = ?2 and revoked_at is null""")
                .setParameter(1, groupId)
                .setParameter(2, code)
                .setParameter(3, clock.now())
                .executeUpdate();
        if (revoked == 0) {
            throw new NotFoundException("No such invite link");
        }
        LOG.info(() -> "Invite link of group " + groupId + " revoked by " + callerId);
    }

    /** What the link leads to, for any signed-in person; 404 invite_link_invalid unless it is live. */
    public InviteLinkPreview preview(String code, UUID callerId) {
        LiveLink link = liveLink(code, false).orElseThrow(InviteLinkService::invalid);
        FocusGroup g = em.find(FocusGroup.class, link.groupId());
        long members = em.createQuery("select count(m) from Membership m where m.group.id = :groupId", Long.class)
                .setParameter("groupId", g.getId())
                .getSingleResult();
        var group = new InviteLinkPreview.Group(g.getId(), g.getName(), g.getDescription(), WireNames.of(g.getPeriod()),
                g.getPeriodTargetMinutes(), g.getTimezone(), g.getStartAt(), g.getEndAt(), members);
        return new InviteLinkPreview(group, link.expiresAt(),
                Memberships.find(em, g.getId(), callerId).isPresent());
    }

    /**
     * The caller joins the link's group as a member. A live link is required first (404
     * invite_link_invalid); the link row is then locked, so joins through one link take turns and
     * a second join of the same person finds the membership (200, no use consumed). The use is
     * consumed by the conditional update, which is what guarantees max_uses; the membership is
     * added by {@link Memberships#add} (409 group_archived if the group was archived meanwhile).
     */
    public JoinedGroup join(String code, UUID callerId) {
        LiveLink link = liveLink(code, true).orElseThrow(InviteLinkService::invalid);
        Optional<Membership> existing = Memberships.find(em, link.groupId(), callerId);
        if (existing.isPresent()) {
            return new JoinedGroup(false, AcceptedInvite.NewMembership.of(existing.get()));
        }
        List<?> consumed = em.createNativeQuery("""
                        update invite_links set uses = uses + 1
                         where code = ?1 and revoked_at is null and expires_at > ?2 and uses < max_uses
                        returning group_id""")
                .setParameter(1, code)
                .setParameter(2, clock.now())
                .getResultList();
        if (consumed.isEmpty()) {
            throw invalid();
        }
        FocusGroup group = em.find(FocusGroup.class, link.groupId());
        Profile user = em.find(Profile.class, callerId);
        if (user == null) {
            throw new NotFoundException("No such profile");
        }
        Membership membership = Memberships.add(em, group, user, MemberRole.MEMBER);
        LOG.info(() -> "Member " + callerId + " joined group " + group.getId() + " by invite link");
        live.progressChanged(group.getId());
        return new JoinedGroup(true, AcceptedInvite.NewMembership.of(membership));
    }

    record LiveLink(UUID groupId, Instant expiresAt) {
    }

    private Optional<LiveLink> liveLink(String code, boolean lock) {
        if (code == null || !CODE_SHAPE.matcher(code).matches()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select l.group_id, l.expires_at
                          from invite_links l join groups g on g.id = l.group_id
                         where l.code = ?1 and """ + " " + LIVE + (lock ? " for update of l" : ""), Tuple.class)
                .setParameter(1, code)
                .setParameter(2, clock.now())
                .getResultList();
        return rows.stream().findFirst()
                .map(row -> new LiveLink(row.get("group_id", UUID.class), Instants.fromColumn(row.get("expires_at"))));
    }

    private static NotFoundException invalid() {
        return new NotFoundException("invite_link_invalid",
                "This invite link is unknown, expired, used up or revoked, or its group is archived");
    }

    private static String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
