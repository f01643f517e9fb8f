package app.lockin.ejb.group;

import app.lockin.ejb.common.DatabaseRules;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

/**
 * Finding and adding memberships, shared by the member endpoints and invite acceptance so that
 * "who may join" has one implementation. Runs inside the caller's transaction.
 */
public final class Memberships {

    private Memberships() {
    }

    public static Optional<Membership> find(EntityManager em, UUID groupId, UUID userId) {
        return em.createQuery("select m from Membership m where m.group.id = :groupId and m.user.id = :userId",
                        Membership.class)
                .setParameter("groupId", groupId)
                .setParameter("userId", userId)
                .getResultStream().findFirst();
    }

    /**
     * As {@link #find}, holding the row locked until commit: a concurrent removal or change of
     * the same member waits, then sees the outcome (a removed member is simply not found).
     */
    static Optional<Membership> findLocked(EntityManager em, UUID groupId, UUID userId) {
        return em.createQuery("select m from Membership m where m.group.id = :groupId and m.user.id = :userId",
                        Membership.class)
                .setParameter("groupId", groupId)
                .setParameter("userId", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** Whether {@code userId} could join {@code group} now: 409 group_archived or already_member if not. */
    public static void checkCanJoin(EntityManager em, FocusGroup group, UUID userId) {
        if (group.isArchived()) {
            throw GroupRules.groupArchived();
        }
        if (find(em, group.getId(), userId).isPresent()) {
            throw GroupRules.alreadyMember();
        }
    }

    /**
     * Adds {@code user} to {@code group}. The checks answer the common case readably; the database
     * is the guarantee under concurrency: group_members_unique_member (two simultaneous adds) and
     * the trigger group_members_group_active (archived meanwhile) become the same 409s.
     */
    public static Membership add(EntityManager em, FocusGroup group, Profile user, MemberRole role) {
        checkCanJoin(em, group, user.getId());
        Membership membership = new Membership(group, user, role);
        em.persist(membership);
        DatabaseRules.flush(em, GroupRules.DATABASE_MEANINGS);
        return membership;
    }
}
