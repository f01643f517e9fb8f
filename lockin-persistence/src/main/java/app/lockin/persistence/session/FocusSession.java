package app.lockin.persistence.session;

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
 * A focus session, personal ({@code groupId} null) or of a group (table {@code sessions}).
 * Its timestamps follow the status (CHECK {@code sessions_status_timestamps}).
 *
 * <p>Ordering matters when starting: the database accepts a time log only inside a started
 * session, and Hibernate flushes inserts before updates. Flush after {@link #start(Instant)} (or
 * {@link #resume()}) before persisting the new logs.
 */
@Entity
@Table(name = "sessions")
public class FocusSession {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "group_id", updatable = false)
    private UUID groupId;

    @Column(name = "creator_id", nullable = false, updatable = false)
    private UUID creatorId;

    @Convert(converter = SessionStatus.Converter.class)
    @Column(nullable = false)
    private SessionStatus status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Generated(event = EventType.INSERT)
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected FocusSession() {
        // for JPA
    }

    /** A new session in state CREATED; {@code groupId} null for a personal session. */
    public FocusSession(UUID groupId, UUID creatorId) {
        this.groupId = groupId;
        this.creatorId = Objects.requireNonNull(creatorId, "creatorId");
        this.status = SessionStatus.CREATED;
    }

    /** created -&gt; running. */
    public void start(Instant at) {
        moveTo(SessionStatus.RUNNING);
        this.startedAt = Objects.requireNonNull(at, "at");
    }

    /** running -&gt; paused; the caller closes the open logs at the same instant. */
    public void pause() {
        moveTo(SessionStatus.PAUSED);
    }

    /** paused -&gt; running; the caller opens a log for every joined participant. */
    public void resume() {
        moveTo(SessionStatus.RUNNING);
    }

    /** created|running|paused -&gt; stopped; the caller closes the open logs at the same instant. */
    public void stop(Instant at) {
        moveTo(SessionStatus.STOPPED);
        this.endedAt = Objects.requireNonNull(at, "at");
    }

    /** @throws IllegalStateException when the state machine does not allow it (check first with {@link SessionStatus#canBecome}) */
    private void moveTo(SessionStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("session " + id + " cannot go from " + status + " to " + next);
        }
        this.status = next;
    }

    public boolean isRunning() {
        return status == SessionStatus.RUNNING;
    }

    public UUID getId() {
        return id;
    }

    public UUID getGroupId() {
        return groupId;
    }

    public UUID getCreatorId() {
        return creatorId;
    }

    public SessionStatus getStatus() {
        return status;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
