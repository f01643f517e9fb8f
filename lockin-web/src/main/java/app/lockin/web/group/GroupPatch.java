package app.lockin.web.group;

import app.lockin.ejb.group.GroupChanges;
import app.lockin.ejb.group.GroupRules;
import app.lockin.web.json.Patch;
import app.lockin.web.json.Removable;
import app.lockin.web.validation.PlainText;

import java.time.Instant;
import java.util.Set;

/**
 * {@code PATCH /api/groups/{id}} (SPEC §13): name, description ({@code null} or blank clears it),
 * end_at, period_target_minutes; any other field is unknown_field (period, timezone, start_at,
 * owner_id, status cannot change). Trimmed as at creation. The rules that depend on the stored
 * group (end_at after start_at and now, the target's bound for its period) are the service's.
 */
public record GroupPatch(@PlainText(max = GroupRules.NAME_MAX) String name,
                         @Removable @PlainText(max = GroupRules.DESCRIPTION_MAX, required = false, multiline = true)
                         String description,
                         Instant endAt, Integer periodTargetMinutes, Set<String> sentFields) implements Patch {

    public GroupPatch {
        name = name == null ? null : name.strip();
        description = description == null || description.isBlank() ? null : description.strip();
    }

    GroupChanges toChanges() {
        return new GroupChanges(has("name"), name, has("description"), description, has("end_at"), endAt,
                has("period_target_minutes"), periodTargetMinutes);
    }
}
