package app.lockin.persistence.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An interval of focus of one participant (table {@code time_logs}); open while {@code endedAt} is
 * null. {@code userId}, {@code sessionId} and {@code groupId} are copies the database's trigger
 * {@code fill_time_log_owner()} takes from the participation (they feed the overlap constraint and
 * the progress view); they are read back after the insert and never written from Java.
 */
@Entity
@Table(name = "time_logs")
public class TimeLog {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "participant_id", nullable = false, updatable = false)
    private SessionParticipant participant;

    @Generated(event = EventType.INSERT)
    @Column(name = "user_id", nullable = false, insertable = false, updatable = false)
    private UUID userId;

    @Generated(event = EventType.INSERT)
    @Column(name = "session_id", nullable = false, insertable = false, updatable = false)
    private UUID sessionId;

    @Generated(event = EventType.INSERT)
    @Column(name = "group_id", insertable = false, updatable = false)
    private UUID groupId;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Generated(event = EventType.INSERT)
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected TimeLog() {
        // for JPA
    }

    /** An open log, from {@code startedAt} until {@link #close(Instant)}. */
    public static TimeLog open(SessionParticipant participant, Instant startedAt) {
        return new TimeLog(participant, startedAt, null);
    }

    /** A closed log (manual entry). */
    public static TimeLog closed(SessionParticipant participant, Instant startedAt, Instant endedAt) {
        return new TimeLog(participant, startedAt, Objects.requireNonNull(endedAt, "endedAt"));
    }

    private TimeLog(SessionParticipant participant, Instant startedAt, Instant endedAt) {
        this.participant = Objects.requireNonNull(participant, "participant");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.endedAt = endedAt;
    }

    /** Ends an open log. */
    public void close(Instant at) {
        if (endedAt != null) {
            throw new IllegalStateException("time log " + id + " is already closed");
        }
        this.endedAt = Objects.requireNonNull(at, "at");
    }

    public UUID getId() {
        return id;
    }

    public SessionParticipant getParticipant() {
        return participant;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public UUID getGroupId() {
        return groupId;
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
