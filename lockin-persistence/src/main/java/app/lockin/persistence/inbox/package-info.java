/**
 * The inbox (SPEC §6, §8): {@link app.lockin.persistence.inbox.Notification} (table
 * {@code notifications}); invites are notifications of kind GROUP_INVITE, pending while unread or
 * read. Database rules surfacing as constraint names: {@code notifications_one_pending_invite},
 * {@code notifications_one_milestone_per_period}.
 */
package app.lockin.persistence.inbox;
