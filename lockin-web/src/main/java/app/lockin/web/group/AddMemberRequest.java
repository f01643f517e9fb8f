package app.lockin.web.group;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code POST /api/groups/{id}/members}: who joins, and as what ({@code admin} or {@code member}, default member). */
public record AddMemberRequest(@NotNull(message = "is required") UUID userId, String role) {
}
