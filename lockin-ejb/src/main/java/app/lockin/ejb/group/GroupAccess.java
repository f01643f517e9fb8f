package app.lockin.ejb.group;

import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * The one authorization rule for a group and everything under it (SPEC §1 visibility, §5 roles),
 * applied by every service before it reads or writes group data, never repeated in resources:
 * a non-member is told the group does not exist (404); a member without the needed role is
 * refused (403).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class GroupAccess {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    /** The caller's membership (with its group loaded), or 404 as if the group did not exist. */
    public Membership member(UUID groupId, UUID userId) {
        return em.createQuery("""
                        select m from Membership m join fetch m.group
                        where m.group.id = :groupId and m.user.id = :userId""", Membership.class)
                .setParameter("groupId", groupId)
                .setParameter("userId", userId)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No such group"));
    }

    /** As {@link #member}, and the caller must be the group's owner or an admin. */
    public Membership manager(UUID groupId, UUID userId) {
        Membership membership = member(groupId, userId);
        if (!membership.getRole().canManageMembers()) {
            throw new ForbiddenException("Only the group's owner or an admin may do this");
        }
        return membership;
    }

    /** As {@link #member}, and the caller must be the group's owner. */
    public Membership owner(UUID groupId, UUID userId) {
        Membership membership = member(groupId, userId);
        if (!membership.isOwner()) {
            throw new ForbiddenException("Only the group's owner may do this");
        }
        return membership;
    }

    /**
     * {@code actor} (already known to be a member) may act on {@code target}, another member of
     * the same group, by removing them (SPEC §5): the owner on anyone, an admin only on plain
     * members (not the owner, not another admin), a plain member on nobody.
     */
    public void outranks(Membership actor, Membership target) {
        boolean allowed = switch (actor.getRole()) {
            case OWNER -> !target.isOwner();
            case ADMIN -> target.getRole() == MemberRole.MEMBER;
            case MEMBER -> false;
        };
        if (!allowed) {
            throw new ForbiddenException(actor.getRole() == MemberRole.ADMIN
                    ? "An admin cannot remove the owner or another admin"
                    : "Only the group's owner or an admin may do this");
        }
    }

    /**
     * As {@link #member}, holding the group row FOR SHARE until commit, so the group cannot be
     * archived or deleted under a change that depends on it being active.
     */
    public Membership memberLockingGroup(UUID groupId, UUID userId) {
        Membership membership = member(groupId, userId);
        em.lock(membership.getGroup(), LockModeType.PESSIMISTIC_READ);
        return membership;
    }
}
