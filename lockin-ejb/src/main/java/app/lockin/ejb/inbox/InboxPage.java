package app.lockin.ejb.inbox;

import java.util.List;

/** One page of an inbox; {@code nextCursor} is null on the last page. */
public record InboxPage(List<NotificationView> items, InboxCursor nextCursor) {
}
