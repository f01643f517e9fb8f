package app.lockin.ejb.account;

import app.lockin.ejb.inbox.NotificationView;
import app.lockin.ejb.session.SessionView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/me/export} (SPEC §14): everything stored about the caller, and about others only
 * their ids, the names of the caller's groups and the text of the caller's own notifications.
 */
public record AccountExport(Instant exportedAt, Profile profile, List<Identity> identities, List<Membership> memberships,
                            List<Session> sessions, List<NotificationView> notifications) {

    /** The profile as {@code GET /api/me} shows it, without the memberships (they follow in full). */
    public record Profile(UUID id, String email, String displayName, String avatarUrl, Instant createdAt,
                          Instant updatedAt) {
    }

    /** An identity of the identity provider, {@code (iss, sub)}. */
    public record Identity(String provider, String subject) {
    }

    public record Membership(UUID groupId, String groupName, String role, Integer overridePeriodTargetMinutes,
                             Instant joinedAt) {
    }

    /** A session the caller took part in, the caller's participation and the caller's own logs in it. */
    public record Session(SessionView session, Participation participation, List<Log> logs) {
    }

    public record Participation(String role, Instant joinedAt, Instant leftAt) {
    }

    public record Log(UUID id, Instant startedAt, Instant endedAt) {
    }
}
