package app.lockin.ejb.group;

import java.time.Instant;

/**
 * {@code PATCH /api/groups/{id}} (SPEC §13): which fields the client sent. A field not sent is
 * left as it is; {@code description: null} clears the description (the web layer refuses null
 * for the others).
 */
public record GroupChanges(boolean renames, String name, boolean changesDescription, String description,
                           boolean changesEndAt, Instant endAt, boolean changesTarget, Integer periodTargetMinutes) {

    boolean changesNothing() {
        return !renames && !changesDescription && !changesEndAt && !changesTarget;
    }
}
