package app.lockin.ejb.profile;

import app.lockin.ejb.common.TaggedView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/me}: the caller's profile and the groups they belong to (SPEC §4). */
public record ProfileView(UUID id, String email, String displayName, String avatarUrl,
                          Instant createdAt, Instant updatedAt, List<MembershipSummary> memberships)
        implements TaggedView {

    public record MembershipSummary(UUID groupId, String groupName, String role, String groupStatus) {
    }
}
