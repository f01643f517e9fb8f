package app.lockin.ejb.session;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.group.GroupAccess;
import app.lockin.ejb.group.GroupRules;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.ParticipantRole;
import app.lockin.persistence.session.SessionParticipant;
import app.lockin.persistence.session.SessionStatus;
import app.lockin.persistence.session.SessionTransition;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Focus sessions (SPEC §7): creation, the host's state machine, joining and leaving. The server
 * is the only clock: every transition happens at one instant of {@link LockinClock}, and opens
 * or closes the logs of every joined participant at that instant, in one transaction.
 */
@Stateless
public class SessionService {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess groupAccess;

    @EJB
    private SessionAccess access;

    @EJB
    private FocusTime focusTime;

    @EJB
    private Milestones milestones;

    @EJB
    private SessionViews views;

    /**
     * A new session in state created, the caller its host. A group session needs membership
     * (else 404) of an active group (else 409 {@code group_archived}); {@code groupId} null makes a
     * personal one.
     */
    public SessionView create(UUID userId, UUID groupId) {
        Instant now = clock.now();
        if (groupId != null) {
            Membership membership = groupAccess.memberLockingGroup(groupId, userId);
            if (membership.getGroup().isArchived()) {
                throw GroupRules.groupArchived();
            }
        }
        FocusSession session = new FocusSession(groupId, userId);
        em.persist(session);
        em.persist(new SessionParticipant(session, em.getReference(Profile.class, userId), ParticipantRole.HOST, now));
        em.flush();
        live.sessionChanged(groupId, session.getId());
        return views.session(session, now);
    }

    public SessionView get(UUID sessionId, UUID userId) {
        Instant now = clock.now();
        return views.session(access.visible(sessionId, userId).session(), now);
    }

    public List<ParticipantView> participants(UUID sessionId, UUID userId) {
        Instant now = clock.now();
        return views.participants(access.visible(sessionId, userId).session(), now);
    }

    /**
     * The host's state machine (SPEC §7): {@code action} is one of {@link SessionTransition}, as the
     * API spells it ({@code start}, {@code pause}, {@code resume}, {@code stop}); any other current
     * status is 409 {@code invalid_transition}. Into running, a log opens for every joined
     * participant (the group must be active, and none of them focusing elsewhere); out of running,
     * every open log closes at the same instant and the milestones are evaluated.
     */
    public SessionView transition(UUID sessionId, UUID userId, String action) {
        SessionTransition transition = WireNames.require(SessionTransition.class, action);
        Instant now = clock.now();
        FocusSession session = access.visibleForUpdate(sessionId, userId).requireHost().require(transition).session();
        if (transition.startsRunning()) {
            access.requireActiveGroup(session);
            List<SessionParticipant> joined = joined(session);
            focusTime.requireFree(session, FocusTime.userIds(joined));
            session.apply(transition, now);
            em.flush(); // the database accepts logs only inside a started session
            focusTime.open(session, joined, now);
        } else {
            session.apply(transition, now);
            focusTime.closeAll(session, now);
            milestones.afterTimeChanged(session.getGroupId());
        }
        live.sessionChanged(session.getGroupId(), session.getId());
        live.progressChanged(session.getGroupId());
        return views.session(session, now);
    }

    /**
     * A member of the group joins its session; joining a running session opens their log at once.
     * Joining again while joined changes nothing; after leaving, it rejoins the same participation.
     */
    public SessionView join(UUID sessionId, UUID userId) {
        Instant now = clock.now();
        VisibleSession visible = access.joinable(sessionId, userId);
        FocusSession session = visible.session();
        if (session.getStatus() == SessionStatus.STOPPED) {
            throw visible.invalidTransition("join");
        }
        SessionParticipant participant = visible.participation();
        if (participant != null && !participant.hasLeft()) {
            return views.session(session, now);
        }
        access.requireActiveGroup(session);
        if (session.isRunning()) {
            focusTime.requireFree(session, List.of(userId));
        }
        if (participant == null) {
            participant = new SessionParticipant(session, em.getReference(Profile.class, userId),
                    ParticipantRole.PARTICIPANT, now);
            em.persist(participant);
        } else {
            participant.rejoin();
        }
        em.flush();
        if (session.isRunning()) {
            focusTime.open(session, List.of(participant), now);
        }
        live.progressChanged(session.getGroupId());
        return views.session(session, now);
    }

    /** The caller leaves: their open log closes now. Leaving when not (or no longer) in it changes nothing. */
    public SessionView leave(UUID sessionId, UUID userId) {
        Instant now = clock.now();
        VisibleSession visible = access.visibleForUpdate(sessionId, userId).requireGroupSession();
        FocusSession session = visible.session();
        SessionParticipant participant = visible.participation();
        if (participant != null && !participant.hasLeft()) {
            participant.leave(now);
            focusTime.closeFor(participant, now);
            milestones.afterTimeChanged(session.getGroupId());
            live.progressChanged(session.getGroupId());
        }
        return views.session(session, now);
    }

    private List<SessionParticipant> joined(FocusSession session) {
        return em.createQuery("""
                        select p from SessionParticipant p
                        where p.session = :session and p.leftAt is null""", SessionParticipant.class)
                .setParameter("session", session)
                .getResultList();
    }
}
