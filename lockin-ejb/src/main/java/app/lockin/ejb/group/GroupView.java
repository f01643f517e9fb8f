package app.lockin.ejb.group;

import app.lockin.ejb.common.TaggedView;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.FocusGroup;
import app.lockin.persistence.group.MemberRole;

import java.time.Instant;
import java.util.UUID;

/** A group as its members see it (SPEC §5), with the caller's role and the number of members. */
public record GroupView(UUID id, UUID ownerId, String name, String description, Instant startAt, Instant endAt,
                        String timezone, String period, int periodTargetMinutes, String status,
                        Instant createdAt, Instant updatedAt, String myRole, long memberCount)
        implements TaggedView {

    static GroupView of(FocusGroup g, MemberRole myRole, long memberCount) {
        return new GroupView(g.getId(), g.getOwnerId(), g.getName(), g.getDescription(), g.getStartAt(), g.getEndAt(),
                g.getTimezone(), WireNames.of(g.getPeriod()), g.getPeriodTargetMinutes(), WireNames.of(g.getStatus()),
                g.getCreatedAt(), g.getUpdatedAt(), WireNames.of(myRole), memberCount);
    }
}
