package app.lockin.web.invite;

import app.lockin.ejb.invite.InviteLinkService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code POST /api/groups/{id}/invite-links} (SPEC §13): both optional (168 hours, 100 uses); the
 * body itself may be left out.
 */
public record CreateInviteLinkRequest(
        @Min(value = 1, message = "must be between 1 and " + InviteLinkService.MAX_EXPIRES_IN_HOURS)
        @Max(value = InviteLinkService.MAX_EXPIRES_IN_HOURS,
                message = "must be between 1 and " + InviteLinkService.MAX_EXPIRES_IN_HOURS)
        Integer expiresInHours,
        @Min(value = 1, message = "must be between 1 and " + InviteLinkService.MAX_USES)
        @Max(value = InviteLinkService.MAX_USES, message = "must be between 1 and " + InviteLinkService.MAX_USES)
        Integer maxUses) {
}
