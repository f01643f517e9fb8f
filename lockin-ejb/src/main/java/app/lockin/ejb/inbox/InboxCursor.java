package app.lockin.ejb.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A position in an inbox: the last notification of a page. The next page holds what comes
 * strictly after it in (created_at desc, id desc) order, so notifications arriving meanwhile
 * (always newer) never shift or repeat a page.
 */
public record InboxCursor(Instant createdAt, UUID id) {
}
