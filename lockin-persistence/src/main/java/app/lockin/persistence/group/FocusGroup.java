package app.lockin.persistence.group;

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
 * A time-boxed focus group with a daily or weekly target (table {@code groups}, SPEC §5). The
 * database checks the bounds (window, target per period, IANA zone); cloning is the SQL function
 * {@code clone_group(original, new_owner)} and archival of expired groups
 * {@code archive_expired_groups()}.
 */
@Entity
@Table(name = "groups")
public class FocusGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "start_at", nullable = false)
    private Instant startAt;

    @Column(name = "end_at", nullable = false)
    private Instant endAt;

    /** IANA zone name; the periods are computed in it. */
    @Column(nullable = false)
    private String timezone;

    @Convert(converter = GroupPeriod.Converter.class)
    @Column(nullable = false)
    private GroupPeriod period;

    @Column(name = "period_target_minutes", nullable = false)
    private int periodTargetMinutes;

    @Convert(converter = GroupStatus.Converter.class)
    @Column(nullable = false)
    private GroupStatus status;

    @Generated(event = EventType.INSERT)
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "updated_at", nullable = false, insertable = false, updatable = false)
    private Instant updatedAt;

    protected FocusGroup() {
        // for JPA
    }

    /** A new active group; its creator must also be added as the OWNER {@link Membership}. */
    public FocusGroup(UUID ownerId, String name, String description, Instant startAt, Instant endAt,
                      String timezone, GroupPeriod period, int periodTargetMinutes) {
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.startAt = Objects.requireNonNull(startAt, "startAt");
        this.endAt = Objects.requireNonNull(endAt, "endAt");
        this.timezone = Objects.requireNonNull(timezone, "timezone");
        this.period = Objects.requireNonNull(period, "period");
        this.periodTargetMinutes = periodTargetMinutes;
        this.status = GroupStatus.ACTIVE;
    }

    public boolean isArchived() {
        return status == GroupStatus.ARCHIVED;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Instant getStartAt() {
        return startAt;
    }

    public Instant getEndAt() {
        return endAt;
    }

    public String getTimezone() {
        return timezone;
    }

    public GroupPeriod getPeriod() {
        return period;
    }

    public int getPeriodTargetMinutes() {
        return periodTargetMinutes;
    }

    public GroupStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
