/**
 * The inbox (SPEC §8): keyset-paginated notifications of the caller, one notification, marking
 * read; and {@link app.lockin.ejb.inbox.NotificationAccess}, the single rule that a notification
 * is visible only to its recipient.
 */
package app.lockin.ejb.inbox;
