package app.lockin.ejb.session;

import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.group.GroupAccess;
import app.lockin.ejb.group.GroupRules;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.SessionParticipant;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/**
 * Who sees a session (SPEC §1): its participants and, for a group session, the group's members
 * (asked of {@link GroupAccess}, the one membership rule). Everyone else is told it does not exist.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SessionAccess {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private GroupAccess groupAccess;

    @EJB
    private ForgottenSessions forgotten;

    /** The session if the caller may see it, else 404. */
    public VisibleSession visible(UUID sessionId, UUID userId) {
        return visibleTo(find(sessionId, LockModeType.NONE), userId);
    }

    /**
     * As {@link #visible}, holding the session row locked until commit: changes to one session
     * (its state, its participants) happen one after the other.
     */
    public VisibleSession visibleForUpdate(UUID sessionId, UUID userId) {
        return visibleTo(find(sessionId, LockModeType.PESSIMISTIC_WRITE), userId);
    }

    /**
     * As {@link #visibleForUpdate}, for joining: the caller must be a member of the session's
     * group now (a former member who once took part still sees it, but cannot join it again).
     */
    public VisibleSession joinable(UUID sessionId, UUID userId) {
        VisibleSession visible = visibleForUpdate(sessionId, userId).requireGroupSession();
        if (visible.participation() != null) { // else visibility was membership already
            try {
                groupAccess.member(visible.session().getGroupId(), userId);
            } catch (NotFoundException noLongerAMember) {
                throw new ForbiddenException("Only members of the session's group can join it");
            }
        }
        return visible;
    }

    /**
     * For changes that add focus time to a group session (start, resume, join, manual logs): its
     * group must still be active, and stays so until commit (the group row is held FOR SHARE, so
     * archival waits). Personal sessions pass.
     */
    public void requireActiveGroup(FocusSession session) {
        if (session.getGroupId() == null) {
            return;
        }
        FocusGroup group = em.find(FocusGroup.class, session.getGroupId(), LockModeType.PESSIMISTIC_READ);
        if (group.isArchived()) {
            throw GroupRules.groupArchived();
        }
    }

    /**
     * Every read and write of a session passes here: forgotten sessions are stopped first (SPEC
     * §15), so what follows never sees a run longer than the limit.
     */
    private FocusSession find(UUID sessionId, LockModeType lock) {
        forgotten.stopDue();
        FocusSession session = em.find(FocusSession.class, sessionId, lock);
        if (session == null) {
            throw notFound();
        }
        return session;
    }

    private VisibleSession visibleTo(FocusSession session, UUID userId) {
        SessionParticipant participation = em.createQuery("""
                        select p from SessionParticipant p
                        where p.session = :session and p.user.id = :userId""", SessionParticipant.class)
                .setParameter("session", session)
                .setParameter("userId", userId)
                .getResultStream().findFirst().orElse(null);
        if (participation == null) {
            if (session.getGroupId() == null) {
                throw notFound();
            }
            try {
                groupAccess.member(session.getGroupId(), userId);
            } catch (NotFoundException notAMember) {
                throw notFound();
            }
        }
        return new VisibleSession(session, participation);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("No such session");
    }
}
