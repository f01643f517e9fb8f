package app.lockin.web.group;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code POST /api/groups/{id}:transfer} (SPEC §13): the member who becomes the owner. */
public record TransferRequest(@NotNull(message = "is required") UUID userId) {
}
