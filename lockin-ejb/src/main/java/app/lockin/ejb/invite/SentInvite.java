package app.lockin.ejb.invite;

import app.lockin.ejb.inbox.NotificationView;

/**
 * The answer to an invite: {@code created} is false when an invite of the same person to the
 * same group was already pending, and {@code invite} is then that pending one (SPEC §6).
 */
public record SentInvite(boolean created, NotificationView invite) {
}
