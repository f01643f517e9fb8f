package app.lockin.persistence.session;

import app.lockin.persistence.profile.Profile;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A person's participation in a session (table {@code session_participants}); once per session. */
@Entity
@Table(name = "session_participants")
public class SessionParticipant {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id", nullable = false, updatable = false)
    private FocusSession session;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private Profile user;

    @Convert(converter = ParticipantRole.Converter.class)
    @Column(nullable = false)
    private ParticipantRole role;

    /**
     * Written by the application from the same clock as {@code left_at}: the database's own clock
     * could be ahead of the application server's, and {@code left_at >= joined_at} is checked.
     */
    @Column(name = "joined_at", nullable = false, updatable = false)
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    protected SessionParticipant() {
        // for JPA
    }

    public SessionParticipant(FocusSession session, Profile user, ParticipantRole role, Instant joinedAt) {
        this.session = Objects.requireNonNull(session, "session");
        this.user = Objects.requireNonNull(user, "user");
        this.role = Objects.requireNonNull(role, "role");
        this.joinedAt = Objects.requireNonNull(joinedAt, "joinedAt");
    }

    /** The caller closes this participant's open log at the same instant. */
    public void leave(Instant at) {
        this.leftAt = Objects.requireNonNull(at, "at");
    }

    /** Back into a session left earlier (the row is unique per session and person). */
    public void rejoin() {
        this.leftAt = null;
    }

    public boolean hasLeft() {
        return leftAt != null;
    }

    public UUID getId() {
        return id;
    }

    public FocusSession getSession() {
        return session;
    }

    public Profile getUser() {
        return user;
    }

    public ParticipantRole getRole() {
        return role;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Instant getLeftAt() {
        return leftAt;
    }
}
