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

    /**
     * Whether the group still takes changes at {@code now} (SPEC §13): active and its window not
     * over. A group whose end_at has passed is archived by the next archival run; until then it
     * is treated as archived already.
     */
    public boolean isOpenAt(Instant now) {
        return status == GroupStatus.ACTIVE && endAt.isAfter(now);
    }

    /** SPEC §13 PATCH: the database checks the bounds again (groups_name_length, ...). */
    public void rename(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@code null} clears it. */
    public void describe(String description) {
        this.description = description;
    }

    public void endAt(Instant endAt) {
        this.endAt = Objects.requireNonNull(endAt, "endAt");
    }

    public void changeTarget(int periodTargetMinutes) {
        this.periodTargetMinutes = periodTargetMinutes;
    }

    /** The owner column follows the owner membership (group_members_one_owner) in a transfer. */
    public void transferTo(UUID newOwnerId) {
        this.ownerId = Objects.requireNonNull(newOwnerId, "newOwnerId");
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
