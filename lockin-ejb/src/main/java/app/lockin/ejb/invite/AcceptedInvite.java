package app.lockin.ejb.invite;

import app.lockin.persistence.common.WireNames;
import app.lockin.ejb.inbox.NotificationView;
import app.lockin.persistence.group.Membership;

import java.time.Instant;
import java.util.UUID;

/** {@code POST /api/invites/{id}:accept}: the accepted invite and the membership it created (SPEC §6). */
public record AcceptedInvite(NotificationView invite, NewMembership membership) {

    /** The member JSON of SPEC §5 with the group it belongs to. */
    public record NewMembership(UUID groupId, UUID userId, String displayName, String avatarUrl, String role,
                                Integer overridePeriodTargetMinutes, int effectiveTargetMinutes, Instant joinedAt) {

        public static NewMembership of(Membership m) {
            return new NewMembership(m.getGroup().getId(), m.getUser().getId(), m.getUser().getDisplayName(),
                    m.getUser().getAvatarUrl(), WireNames.of(m.getRole()), m.getOverridePeriodTargetMinutes(),
                    m.effectiveTargetMinutes(), m.getCreatedAt());
        }
    }
}
