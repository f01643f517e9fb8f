package app.lockin.ejb.invite;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /api/invite-links/{code}} (SPEC §13): what a person about to join sees of the group,
 * the one place where a non-member sees a group.
 */
public record InviteLinkPreview(Group group, Instant expiresAt, boolean isMember) {

    public record Group(UUID id, String name, String description, String period, int periodTargetMinutes,
                        String timezone, Instant startAt, Instant endAt, long memberCount) {
    }
}
