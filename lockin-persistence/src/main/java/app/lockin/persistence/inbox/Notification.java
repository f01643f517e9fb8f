package app.lockin.persistence.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One item of a person's inbox (table {@code notifications}). References are plain ids: the inbox
 * shows them as ids and never needs the rows behind them.
 *
 * <p>Rows are written in SQL only: invites and milestones each rely on a unique index and
 * {@code INSERT ... ON CONFLICT DO NOTHING} (one pending invite, one milestone per period), which a
 * JPA insert cannot express without aborting the transaction. Java reads them and changes their
 * status.
 */
@Entity
@Table(name = "notifications")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "recipient_id", nullable = false, updatable = false)
    private UUID recipientId;

    @Convert(converter = NotificationKind.Converter.class)
    @Column(nullable = false, updatable = false)
    private NotificationKind kind;

    @Convert(converter = NotificationStatus.Converter.class)
    @Column(nullable = false)
    private NotificationStatus status;

    @Column(nullable = false)
    private String title;

    private String body;

    @Column(name = "group_id", updatable = false)
    private UUID groupId;

    @Column(name = "actor_id", updatable = false)
    private UUID actorId;

    /** For milestones: the period the milestone belongs to (unique per kind, group, recipient). */
    @Column(name = "period_start", updatable = false)
    private Instant periodStart;

    @Generated(event = EventType.INSERT)
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
        // for JPA
    }

    /** Sets read_at once; the status becomes READ unless the invite was already decided. Idempotent. */
    public void markRead(Instant at) {
        if (readAt == null) {
            readAt = Objects.requireNonNull(at, "at");
        }
        if (status == NotificationStatus.UNREAD) {
            status = NotificationStatus.READ;
        }
    }

    /** An invite is pending while unread or read (SPEC §6). */
    public boolean isPendingInvite() {
        return kind == NotificationKind.GROUP_INVITE
                && (status == NotificationStatus.UNREAD || status == NotificationStatus.READ);
    }

    /** @throws IllegalStateException when this is not a pending invite (check {@link #isPendingInvite()} first) */
    public void accept(Instant at) {
        decide(NotificationStatus.ACCEPTED, at);
    }

    /** @throws IllegalStateException when this is not a pending invite (check {@link #isPendingInvite()} first) */
    public void decline(Instant at) {
        decide(NotificationStatus.DECLINED, at);
    }

    private void decide(NotificationStatus decision, Instant at) {
        if (!isPendingInvite()) {
            throw new IllegalStateException("notification " + id + " is not a pending invite");
        }
        if (readAt == null) {
            readAt = Objects.requireNonNull(at, "at");
        }
        status = decision;
    }

    public UUID getId() {
        return id;
    }

    public UUID getRecipientId() {
        return recipientId;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public UUID getGroupId() {
        return groupId;
    }

    public UUID getActorId() {
        return actorId;
    }

    public Instant getPeriodStart() {
        return periodStart;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }
}
