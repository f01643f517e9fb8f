package app.lockin.web.session;

import java.util.UUID;

/** {@code POST /api/sessions}: {@code group_id} absent or null makes a personal session. */
public record CreateSessionRequest(UUID groupId) {
}
