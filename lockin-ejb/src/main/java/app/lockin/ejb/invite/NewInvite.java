package app.lockin.ejb.invite;

import java.util.UUID;

/** {@code POST /api/groups/{id}:invite}: whom to invite. */
public record NewInvite(UUID recipientId) {
}
