package app.lockin.ejb.session;

import app.lockin.ejb.inbox.NotificationTexts;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.inbox.NotificationKind;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Milestone notifications (SPEC §7): a member meeting the goal of the current period gets one
 * {@code milestone_member}; when every member has met it, every member gets one
 * {@code milestone_group}. Each exactly once per period.
 *
 * <p>Evaluated in the transaction of every change that writes or closes time (pause, stop, leave,
 * a manual log), and when the race view is read, because an open log crosses the target with no
 * write at all. "Exactly once" is the unique index {@code notifications_one_milestone_per_period}:
 * the insert is {@code ON CONFLICT DO NOTHING}, never check-then-insert. "Not missed" needs one
 * more thing: two transactions that each add half of the target see only their own half, so the
 * evaluation of one group is serialised by a transaction-scoped advisory lock taken after the
 * writes; the transaction that gets it last sees every committed log.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Milestones {

    private static final Logger LOG = Logger.getLogger(Milestones.class.getName());

    private static final String MEMBER = WireNames.of(NotificationKind.MILESTONE_MEMBER);
    private static final String GROUP = WireNames.of(NotificationKind.MILESTONE_GROUP);

    /** Advisory lock class of "milestone evaluation of group (hashtext of its id)"; "LKMS". */
    private static final int LOCK_CLASS = 0x4C4B4D53;

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    /** After a change that wrote or closed time of the group's members; {@code groupId} null: nothing. */
    public void afterTimeChanged(UUID groupId) {
        if (groupId != null) {
            em.flush();
            award(groupId);
        }
    }

    /** One milestone notification: its kind (as stored) and recipient, a row of the queries below. */
    record Milestone(String kind, UUID recipientId) {
    }

    /** A milestone notification just inserted. */
    record Awarded(UUID id, String kind, UUID recipientId, Instant periodStart) {
    }

    /** After the race view was read: awards only when a row shows a milestone that is not there yet. */
    public void afterProgressRead(UUID groupId, List<ProgressRow> rows) {
        Set<Milestone> due = due(rows);
        if (!due.isEmpty() && !existing(groupId, rows.get(0).periodStart()).containsAll(due)) {
            award(groupId);
        }
    }

    /** The milestone notifications these rows of the race view call for (each met member; everyone when all met). */
    static Set<Milestone> due(List<ProgressRow> rows) {
        List<ProgressRow> met = rows.stream().filter(ProgressRow::goalMet).toList();
        Set<Milestone> due = new HashSet<>();
        met.forEach(row -> due.add(new Milestone(MEMBER, row.userId())));
        if (!met.isEmpty() && met.size() == rows.size()) {
            rows.forEach(row -> due.add(new Milestone(GROUP, row.userId())));
        }
        return due;
    }

    /** The milestone notifications of the group's period starting at {@code periodStart} (as in the race rows). */
    public Set<Milestone> existing(UUID groupId, Instant periodStart) {
        @SuppressWarnings("unchecked")
        List<Milestone> existing = em.createNativeQuery("""
                        select kind, recipient_id from notifications
                        where group_id = ?1 and period_start = ?2 and kind in ('milestone_member', 'milestone_group')""",
                        Milestone.class)
                .setParameter(1, groupId)
                .setParameter(2, periodStart)
                .getResultList();
        return new HashSet<>(existing);
    }

    private void award(UUID groupId) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1, hashtext(cast(?2 as text)))")
                .setParameter(1, LOCK_CLASS)
                .setParameter(2, groupId)
                .getSingleResult();
        String groupName = em.find(FocusGroup.class, groupId).getName();
        NotificationTexts.Text member = NotificationTexts.memberMilestone(groupName);
        NotificationTexts.Text everyone = NotificationTexts.groupMilestone(groupName);
        @SuppressWarnings("unchecked")
        List<Awarded> awarded = em.createNativeQuery("""
                        with progress as (
                            select user_id, period_start, goal_met
                              from group_member_period_progress where group_id = ?1
                        ), everyone as (
                            select coalesce(bool_and(goal_met), false) as met from progress
                        )
                        insert into notifications (recipient_id, kind, title, body, group_id, period_start)
                        select p.user_id, 'milestone_member', cast(?2 as text), cast(?3 as text), g.id, p.period_start
                          from progress p cross join groups g
                         where g.id = ?1 and p.goal_met
                        union all
                        select p.user_id, 'milestone_group', cast(?4 as text), cast(?5 as text), g.id, p.period_start
                          from progress p cross join everyone e cross join groups g
                         where g.id = ?1 and e.met
                        on conflict (kind, group_id, recipient_id, period_start)
                            where kind in ('milestone_member', 'milestone_group') do nothing
                        returning id, kind, recipient_id, period_start""", Awarded.class)
                .setParameter(1, groupId)
                .setParameter(2, member.title())
                .setParameter(3, member.body())
                .setParameter(4, everyone.title())
                .setParameter(5, everyone.body())
                .getResultList();
        if (!awarded.isEmpty()) {
            LOG.fine(() -> "Group " + groupId + ": " + awarded.size() + " milestone notification(s)");
            announce(groupId, awarded);
        }
    }

    /**
     * To the group's streams: one milestone event per member who met the goal and one for the
     * whole group (SPEC §11), then the new race view; to each recipient's inbox stream, the notification.
     */
    private void announce(UUID groupId, List<Awarded> awarded) {
        awarded.forEach(a -> live.notified(a.recipientId(), a.id()));
        awarded.stream().filter(a -> a.kind().equals("milestone_member"))
                .forEach(a -> live.milestone(groupId, a.kind(), a.recipientId(), a.periodStart()));
        awarded.stream().filter(a -> a.kind().equals("milestone_group")).findFirst()
                .ifPresent(a -> live.milestone(groupId, a.kind(), null, a.periodStart()));
        live.progressChanged(groupId);
    }
}
