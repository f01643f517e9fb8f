package app.lockin.ejb.group;

import app.lockin.ejb.common.DatabaseRules;
import app.lockin.ejb.common.Instants;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.group.GroupPeriod;
import app.lockin.persistence.group.GroupStatus;
import app.lockin.persistence.group.MemberRole;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Groups (SPEC §5): creation, the caller's groups, one group, and "repeat this group" (clone). */
@Stateless
public class GroupService {

    private static final Logger LOG = Logger.getLogger(GroupService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess access;

    /** A new active group; the caller becomes its owner member in the same transaction. */
    public GroupView create(UUID callerId, NewGroup draft) {
        Profile owner = em.find(Profile.class, callerId);
        if (owner == null) {
            throw new NotFoundException("No such profile");
        }
        FocusGroup group = new FocusGroup(callerId, draft.name(), draft.description(), Instants.micros(draft.startAt()),
                Instants.micros(draft.endAt()), draft.timezone(), WireNames.require(GroupPeriod.class, draft.period()),
                draft.periodTargetMinutes());
        em.persist(group);
        em.persist(new Membership(group, owner, MemberRole.OWNER));
        DatabaseRules.flush(em, GroupRules.DATABASE_MEANINGS);
        LOG.info(() -> "Group " + group.getId() + " created by " + callerId);
        return GroupView.of(group, MemberRole.OWNER, 1);
    }

    /** The statuses {@code GET /api/groups?status=} lists, as the client spells them. */
    public static final Set<String> STATUSES = Arrays.stream(GroupStatus.values()).map(WireNames::of)
            .collect(Collectors.toUnmodifiableSet());

    /** A group of the caller's, with their role and the member count: a row of {@link #mine}'s query. */
    record MyGroup(FocusGroup group, MemberRole role, Long memberCount) {
    }

    /** The groups the caller belongs to with this status ({@link #STATUSES}), newest first. */
    public List<GroupView> mine(UUID callerId, String status) {
        return em.createQuery("""
                        select g, m.role, (select count(o) from Membership o where o.group = g)
                        from Membership m join m.group g
                        where m.user.id = :userId and g.status = :status
                        order by g.createdAt desc, g.id desc""", MyGroup.class)
                .setParameter("userId", callerId)
                .setParameter("status", WireNames.require(GroupStatus.class, status))
                .getResultStream()
                .map(mine -> GroupView.of(mine.group(), mine.role(), mine.memberCount()))
                .toList();
    }

    public GroupView get(UUID groupId, UUID callerId) {
        return viewFor(access.member(groupId, callerId));
    }

    /**
     * "Repeat this group": {@code clone_group} copies it (archived ones too) starting now, with
     * its members, the caller as owner and the previous owner as admin. Owner or admin only.
     */
    public GroupView cloneGroup(UUID groupId, UUID callerId) {
        access.manager(groupId, callerId);
        clock.shareWithDatabase(); // the copy starts at the database's "now"
        UUID copy = (UUID) em.createNativeQuery("select clone_group(?1, ?2)", UUID.class)
                .setParameter(1, groupId)
                .setParameter(2, callerId)
                .getSingleResult();
        LOG.info(() -> "Group " + copy + " cloned from " + groupId + " by " + callerId);
        return viewFor(access.member(copy, callerId));
    }

    private GroupView viewFor(Membership membership) {
        long members = em.createQuery("select count(m) from Membership m where m.group.id = :groupId", Long.class)
                .setParameter("groupId", membership.getGroup().getId())
                .getSingleResult();
        return GroupView.of(membership.getGroup(), membership.getRole(), members);
    }
}
