package app.lockin.ejb.group;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.DatabaseRules;
import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/** The members of a group (SPEC §5): list, add, change role or personal target, remove or leave. */
@Stateless
public class MemberService {

    private static final Logger LOG = Logger.getLogger(MemberService.class.getName());

    /** Owner first, then admins, then members; each by the time they joined. */
    private static final Comparator<Membership> LISTING = Comparator.comparing(Membership::getRole)
            .thenComparing(Membership::getCreatedAt)
            .thenComparing(m -> m.getUser().getId());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @EJB
    private GroupAccess access;

    public List<MemberView> list(UUID groupId, UUID callerId) {
        access.member(groupId, callerId);
        return em.createQuery("select m from Membership m join fetch m.user join fetch m.group where m.group.id = :groupId",
                        Membership.class)
                .setParameter("groupId", groupId)
                .getResultStream()
                .sorted(LISTING)
                .map(MemberView::of)
                .toList();
    }

    public MemberView get(UUID groupId, UUID callerId, UUID userId) {
        access.member(groupId, callerId);
        return MemberView.of(Memberships.find(em, groupId, userId).orElseThrow(MemberService::noSuchMember));
    }

    /**
     * Owner or admin adds a person directly, as {@code roleName} ({@code admin} or {@code member},
     * null for member); only the owner may add an admin. 404 for an unknown person, 409
     * already_member / group_archived.
     */
    public MemberView add(UUID groupId, UUID callerId, UUID userId, String roleName) {
        FieldChecks checks = new FieldChecks();
        MemberRole role = roleName == null ? MemberRole.MEMBER : GroupRules.assignableRole(checks, "role", roleName);
        Membership caller = role == MemberRole.ADMIN ? access.owner(groupId, callerId) : access.manager(groupId, callerId);
        checks.throwIfAny();
        Profile user = em.find(Profile.class, userId);
        if (user == null) {
            throw new NotFoundException("No such user");
        }
        Membership added = Memberships.add(em, caller.getGroup(), user, role);
        LOG.info(() -> "Member " + user.getId() + " added to group " + groupId + " as " + WireNames.of(role) + " by " + callerId);
        live.progressChanged(groupId);
        return MemberView.of(added);
    }

    /**
     * Owner or admin changes a member's personal target (null returns to the group's); only the
     * owner changes roles, and the owner's own role never changes here (409 conflict).
     */
    public MemberView change(UUID groupId, UUID callerId, UUID userId, MemberChanges changes, IfMatch precondition) {
        FieldChecks checks = new FieldChecks();
        if (!changes.changesOverride() && !changes.changesRole()) {
            checks.refuse("body", "send override_period_target_minutes, role, or both");
        }
        MemberRole role = changes.changesRole() ? GroupRules.assignableRole(checks, "role", changes.role()) : null;
        Membership caller = changes.changesRole() ? access.owner(groupId, callerId) : access.manager(groupId, callerId);
        Integer override = changes.overridePeriodTargetMinutes();
        if (changes.changesOverride() && override != null) {
            GroupRules.targetRefusalOf(override, caller.getGroup().getPeriod())
                    .ifPresent(refusal -> checks.refuse("override_period_target_minutes", refusal));
        }
        checks.throwIfAny();
        Membership target = Memberships.findLocked(em, groupId, userId).orElseThrow(MemberService::noSuchMember);
        precondition.check(MemberView.of(target)); // SPEC §15, on the locked row
        if (role != null && target.isOwner()) {
            throw new ConflictException("conflict", "The owner's role cannot be changed");
        }
        if (changes.changesOverride()) {
            target.overrideTarget(override);
        }
        if (role != null) {
            target.changeRole(role);
        }
        DatabaseRules.flush(em, GroupRules.DATABASE_MEANINGS);
        LOG.info(() -> "Member " + userId + " of group " + groupId + " changed by " + callerId);
        live.progressChanged(groupId);
        return MemberView.of(target);
    }

    /**
     * Removes a member (owner/admin, an admin only plain members) or, when {@code userId} is the
     * caller, leaves the group; the owner cannot leave (409 owner_cannot_leave).
     */
    public void remove(UUID groupId, UUID callerId, UUID userId) {
        Membership target;
        if (userId.equals(callerId)) {
            target = access.member(groupId, callerId);
            if (target.isOwner()) {
                throw new ConflictException("owner_cannot_leave", "The owner cannot leave the group");
            }
            target = Memberships.findLocked(em, groupId, userId).orElseThrow(MemberService::noSuchMember);
        } else {
            Membership caller = access.manager(groupId, callerId);
            target = Memberships.findLocked(em, groupId, userId).orElseThrow(MemberService::noSuchMember);
            access.outranks(caller, target);
        }
        em.remove(target);
        em.flush();
        live.revoked(groupId, userId, userId.equals(callerId));
        live.progressChanged(groupId);
        LOG.info(() -> (userId.equals(callerId) ? "Member " + userId + " left group " + groupId
                : "Member " + userId + " removed from group " + groupId + " by " + callerId));
    }

    private static NotFoundException noSuchMember() {
        return new NotFoundException("No such member");
    }
}
