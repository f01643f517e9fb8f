package app.lockin.ejb.group;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.DatabaseRules;
import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.Instants;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.LockinException;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.live.LivePublisher;
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
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Groups (SPEC §5, §13): creation, the caller's groups, one group, "repeat this group" (clone),
 * changing a group and handing it to another member.
 */
@Stateless
public class GroupService {

    private static final Logger LOG = Logger.getLogger(GroupService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess access;

    @EJB
    private LivePublisher live;

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

    /**
     * {@code PATCH /api/groups/{id}} (SPEC §13), owner or admin: name, description, end_at and the
     * target, with the rules of creation. The group row is locked (FOR UPDATE) and re-read first,
     * so an archival or another change running at the same time is seen: an archived group, or
     * one whose end_at has passed, answers 409 group_archived before the fields are judged against
     * it. The new end_at must stay after start_at and after now. The race view, milestones and
     * history read the group's target, so they follow the new one at once; the race streams are
     * told.
     */
    public GroupView update(UUID groupId, UUID callerId, GroupChanges changes, IfMatch precondition) {
        FieldChecks checks = new FieldChecks();
        if (changes.changesNothing()) {
            checks.refuse("body", "send name, description, end_at, period_target_minutes, or several");
        }
        Membership caller = access.manager(groupId, callerId);
        checks.throwIfAny();
        FocusGroup group = caller.getGroup();
        em.refresh(group, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.now();
        if (!group.isOpenAt(now)) {
            throw GroupRules.groupArchived();
        }
        if (changes.changesEndAt()) {
            if (!changes.endAt().isAfter(group.getStartAt())) {
                checks.refuse("end_at", "must be after start_at");
            } else if (!changes.endAt().isAfter(now)) {
                checks.refuse("end_at", "must be in the future");
            }
        }
        if (changes.changesTarget()) {
            GroupRules.targetRefusalOf(changes.periodTargetMinutes(), group.getPeriod())
                    .ifPresent(refusal -> checks.refuse("period_target_minutes", refusal));
        }
        checks.throwIfAny();
        precondition.check(viewFor(caller)); // SPEC §15, on the locked row
        if (changes.renames()) {
            group.rename(changes.name());
        }
        if (changes.changesDescription()) {
            group.describe(changes.description());
        }
        if (changes.changesEndAt()) {
            group.endAt(Instants.micros(changes.endAt()));
        }
        if (changes.changesTarget()) {
            group.changeTarget(changes.periodTargetMinutes());
        }
        DatabaseRules.flush(em, GroupRules.DATABASE_MEANINGS);
        em.refresh(group); // updated_at, set by the database
        LOG.info(() -> "Group " + groupId + " changed by " + callerId);
        live.progressChanged(groupId);
        return viewFor(caller);
    }

    /** A transfer that finds the owner row already demoted lost a race with another transfer. */
    private static final Map<String, Supplier<? extends LockinException>> TRANSFER_MEANINGS;

    static {
        Map<String, Supplier<? extends LockinException>> meanings =
                new HashMap<>(GroupRules.DATABASE_MEANINGS);
        meanings.put("group_members_one_owner", () -> new ForbiddenException("Only the group's owner may do this"));
        TRANSFER_MEANINGS = Map.copyOf(meanings);
    }

    /**
     * {@code POST /api/groups/{id}:transfer} (SPEC §13), owner only, archived groups too: the
     * member {@code newOwnerId} becomes owner (keeping any override), the caller admin; to oneself
     * nothing changes. Exactly one owner at all times is the database's rule
     * (group_members_one_owner, a unique index on the owner role): the owner is demoted first by
     * a conditional update (role = 'owner'), then the new owner promoted, then groups.owner_id
     * moved, in one transaction. Of two transfers at once, the second waits on the owner's row
     * and then finds no owner to demote: it answers 403 like any non-owner.
     */
    public GroupView transfer(UUID groupId, UUID callerId, UUID newOwnerId) {
        Membership caller = access.owner(groupId, callerId);
        if (newOwnerId.equals(callerId)) {
            return viewFor(caller);
        }
        Membership heir = Memberships.findLocked(em, groupId, newOwnerId)
                .orElseThrow(() -> new ConflictException("not_a_member", "The new owner must be a member of the group"));
        int demoted = em.createQuery("""
                        update Membership m set m.role = :admin
                        where m.group.id = :groupId and m.user.id = :userId and m.role = :owner""")
                .setParameter("admin", MemberRole.ADMIN)
                .setParameter("owner", MemberRole.OWNER)
                .setParameter("groupId", groupId)
                .setParameter("userId", callerId)
                .executeUpdate();
        if (demoted == 0) {
            throw new ForbiddenException("Only the group's owner may do this");
        }
        em.refresh(caller);
        heir.changeRole(MemberRole.OWNER);
        DatabaseRules.flush(em, TRANSFER_MEANINGS);
        FocusGroup group = caller.getGroup();
        group.transferTo(newOwnerId);
        DatabaseRules.flush(em, TRANSFER_MEANINGS);
        em.refresh(group);
        LOG.info(() -> "Group " + groupId + " transferred from " + callerId + " to " + newOwnerId);
        return viewFor(caller);
    }

    private GroupView viewFor(Membership membership) {
        long members = em.createQuery("select count(m) from Membership m where m.group.id = :groupId", Long.class)
                .setParameter("groupId", membership.getGroup().getId())
                .getSingleResult();
        return GroupView.of(membership.getGroup(), membership.getRole(), members);
    }
}
