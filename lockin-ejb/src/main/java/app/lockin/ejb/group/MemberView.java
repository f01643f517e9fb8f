package app.lockin.ejb.group;

import app.lockin.ejb.common.TaggedView;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.Membership;
import app.lockin.persistence.profile.Profile;

import java.time.Instant;
import java.util.UUID;

/** One member of a group (SPEC §5): who, in which role, and the target they are measured against. */
public record MemberView(UUID userId, String displayName, String avatarUrl, String role,
                         Integer overridePeriodTargetMinutes, int effectiveTargetMinutes, Instant joinedAt)
        implements TaggedView {

    public static MemberView of(Membership m) {
        Profile user = m.getUser();
        return new MemberView(user.getId(), user.getDisplayName(), user.getAvatarUrl(), WireNames.of(m.getRole()),
                m.getOverridePeriodTargetMinutes(), m.effectiveTargetMinutes(), m.getCreatedAt());
    }
}
