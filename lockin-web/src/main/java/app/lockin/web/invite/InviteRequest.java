package app.lockin.web.invite;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code POST /api/groups/{id}:invite}: whom to invite. */
public record InviteRequest(@NotNull(message = "is required") UUID recipientId) {
}
