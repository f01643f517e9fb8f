package app.lockin.ejb.inbox;

import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.inbox.Notification;

import java.time.Instant;
import java.util.UUID;

/** One notification as its recipient sees it (SPEC §8); invites are notifications of kind group_invite. */
public record NotificationView(UUID id, String kind, String status, String title, String body, UUID groupId,
                               UUID actorId, Instant createdAt, Instant readAt) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.getId(), WireNames.of(n.getKind()), WireNames.of(n.getStatus()), n.getTitle(),
                n.getBody(), n.getGroupId(), n.getActorId(), n.getCreatedAt(), n.getReadAt());
    }
}
