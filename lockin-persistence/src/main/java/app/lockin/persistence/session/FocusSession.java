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

    /** created -&gt; running. */
    public void start(Instant at) {
        requireStatus(SessionStatus.CREATED, "start");
        moveTo(SessionStatus.RUNNING);
        this.startedAt = Objects.requireNonNull(at, "at");
        this.runningSince = at;
    }

    /** running -&gt; paused; the caller closes the open logs at the same instant. */
    public void pause(Instant at) {
        moveTo(SessionStatus.PAUSED);
        endRunningInterval(at);
    }

    /** paused -&gt; running; the caller opens a log for every joined participant. */
    public void resume(Instant at) {
        requireStatus(SessionStatus.PAUSED, "resume");
        moveTo(SessionStatus.RUNNING);
        this.runningSince = Objects.requireNonNull(at, "at");
    }

    /** created|running|paused -&gt; stopped; the caller closes the open logs at the same instant. */
    public void stop(Instant at) {
        boolean wasRunning = isRunning();
        moveTo(SessionStatus.STOPPED);
        if (wasRunning) {
            endRunningInterval(at);
        }
        this.endedAt = Objects.requireNonNull(at, "at");
    }

    /** The sum of the running intervals, the current one counting up to {@code now}. */
    public Duration runningTimeUpTo(Instant now) {
        Duration closed = Duration.of(closedRunMicros, ChronoUnit.MICROS);
        return runningSince == null ? closed : closed.plus(nonNegative(runningSince, now));
    }

    private void endRunningInterval(Instant at) {
        Objects.requireNonNull(at, "at");
        closedRunMicros += nonNegative(runningSince, at).truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000;
        runningSince = null;
    }

    private static Duration nonNegative(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    /** Both start and resume lead to RUNNING; which one applies depends on where the session is. */
    private void requireStatus(SessionStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " session " + id + ": it is " + status);
        }
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

    public Instant getRunningSince() {
        return runningSince;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
