package app.lockin.persistence.group;

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
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A person's membership of a group, with a role and an optional personal target (table
 * {@code group_members}). {@code created_at} is the member's joined_at in the API.
 */
@Entity
@Table(name = "group_members")
public class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "group_id", nullable = false, updatable = false)
    private FocusGroup group;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private Profile user;

    @Convert(converter = MemberRole.Converter.class)
    @Column(nullable = false)
    private MemberRole role;

    /** null = the group's target applies. */
    @Column(name = "override_period_target_minutes")
    private Integer overridePeriodTargetMinutes;

    @Generated(event = EventType.INSERT)
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    protected Membership() {
        // for JPA
    }

    public Membership(FocusGroup group, Profile user, MemberRole role) {
        this.group = Objects.requireNonNull(group, "group");
        this.user = Objects.requireNonNull(user, "user");
        this.role = Objects.requireNonNull(role, "role");
    }

    public void changeRole(MemberRole role) {
        this.role = Objects.requireNonNull(role, "role");
    }

    /** {@code null} goes back to the group's target. */
    public void overrideTarget(Integer minutes) {
        this.overridePeriodTargetMinutes = minutes;
    }

    /** The target this member is measured against: the override, else the group's. */
    public int effectiveTargetMinutes() {
        return overridePeriodTargetMinutes != null ? overridePeriodTargetMinutes : group.getPeriodTargetMinutes();
    }

    public boolean isOwner() {
        return role == MemberRole.OWNER;
    }

    public UUID getId() {
        return id;
    }

    public FocusGroup getGroup() {
        return group;
    }

    public Profile getUser() {
        return user;
    }

    public MemberRole getRole() {
        return role;
    }

    public Integer getOverridePeriodTargetMinutes() {
        return overridePeriodTargetMinutes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
