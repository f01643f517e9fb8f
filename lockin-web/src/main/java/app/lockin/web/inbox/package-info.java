/** The inbox over HTTP (SPEC §8): pages of notifications, one notification, marking read. */
package app.lockin.web.inbox;
