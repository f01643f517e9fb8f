package app.lockin.ejb.group;

import java.util.UUID;

/** {@code POST /api/groups/{id}/members}: who joins, and as what ({@code admin} or {@code member}, default member). */
public record NewMember(UUID userId, String role) {
}
