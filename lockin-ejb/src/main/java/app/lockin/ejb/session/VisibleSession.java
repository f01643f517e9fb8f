package app.lockin.ejb.session;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.ForbiddenException;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.ParticipantRole;
import app.lockin.persistence.session.SessionParticipant;
import app.lockin.persistence.session.SessionTransition;

/**
 * A session the caller may see, with the caller's participation in it ({@code null} when the
 * caller sees it only as a member of its group).
 */
record VisibleSession(FocusSession session, SessionParticipant participation) {

    /** SPEC §7: only the host drives the state machine. */
    VisibleSession requireHost() {
        if (participation == null || participation.getRole() != ParticipantRole.HOST) {
            throw new ForbiddenException("Only the session's host may do this");
        }
        return this;
    }

    /** 409 {@code invalid_transition}, naming the current status, unless the table allows {@code transition} now. */
    VisibleSession require(SessionTransition transition) {
        if (!transition.allowedFrom(session.getStatus())) {
            throw invalidTransition(WireNames.of(transition));
        }
        return this;
    }

    ConflictException invalidTransition(String action) {
        return new ConflictException("invalid_transition",
                "Cannot " + action + " the session: it is " + WireNames.of(session.getStatus()));
    }

    /** Join and leave exist for group sessions only (SPEC §7). */
    VisibleSession requireGroupSession() {
        if (session.getGroupId() == null) {
            throw new ConflictException("conflict", "Only group sessions can be joined or left");
        }
        return this;
    }

}
