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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A focus session, personal ({@code groupId} null) or of a group (table {@code sessions}).
 * Its timestamps follow the status (CHECK {@code sessions_status_timestamps}). The session keeps
 * the account of its own running time ({@link #runningTimeUpTo(Instant)}, SPEC §7
 * {@code focused_seconds}): logs cannot tell it, since participants leave and add manual logs.
 *
 * <p>Ordering matters when starting: the database accepts a time log only inside a started
 * session, and Hibernate flushes inserts before updates. Flush after {@link #apply} of a
 * transition that {@link SessionTransition#startsRunning() starts running} before persisting the
 * new logs.
 */
@Entity
@Table(name = "sessions")
public class FocusSession {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "group_id", updatable = false)
    private UUID groupId;

    @Column(name = "creator_id", updatable = false) // null once its creator deleted their account (SPEC §14)
    private UUID creatorId;

    @Convert(converter = SessionStatus.Converter.class)
    @Column(nullable = false)
    private SessionStatus status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    /** Start of the current running interval; set exactly while running. */
    @Column(name = "running_since")
    private Instant runningSince;

    /** Length of the finished running intervals, in microseconds (timestamptz precision). */
    @Column(name = "closed_run_micros", nullable = false)
    private long closedRunMicros;

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

    /**
     * Moves the session as {@code transition} says, at {@code at}: running opens a running interval
     * (the first one sets {@code started_at}), leaving running closes it, stopping sets
     * {@code ended_at}. The caller opens or closes the participants' logs at the same instant.
     *
     * @throws IllegalStateException when the table does not allow it from the current status
     *                               (check first with {@link SessionTransition#allowedFrom})
     */
    public void apply(SessionTransition transition, Instant at) {
        Objects.requireNonNull(at, "at");
        if (!transition.allowedFrom(status)) {
            throw new IllegalStateException("cannot " + transition + " session " + id + ": it is " + status);
        }
        if (isRunning()) {
            endRunningInterval(at);
        }
        status = transition.to();
        if (isRunning()) {
            runningSince = at;
            if (startedAt == null) {
                startedAt = at;
            }
        }
        if (status == SessionStatus.STOPPED) {
            endedAt = at;
        }
    }

    /** The sum of the running intervals, the current one counting up to {@code now}. */
    public Duration runningTimeUpTo(Instant now) {
        Duration closed = Duration.of(closedRunMicros, ChronoUnit.MICROS);
        return runningSince == null ? closed : closed.plus(nonNegative(runningSince, now));
    }

    private void endRunningInterval(Instant at) {
        closedRunMicros += nonNegative(runningSince, at).truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000;
        runningSince = null;
    }

    private static Duration nonNegative(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
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

    public Instant getRunningSince() {
        return runningSince;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
