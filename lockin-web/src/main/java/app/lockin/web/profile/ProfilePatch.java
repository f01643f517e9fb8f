package app.lockin.web.profile;

import app.lockin.ejb.profile.DisplayNames;
import app.lockin.web.json.Patch;
import app.lockin.web.json.Removable;
import app.lockin.web.validation.PlainText;

import java.util.Set;

/**
 * {@code PATCH /api/me}: a new display name (trimmed), a new avatar URL ({@code null} removes it;
 * which URLs are this caller's is the service's to check), or both.
 */
public record ProfilePatch(@PlainText(max = DisplayNames.MAX_LENGTH) String displayName, @Removable String avatarUrl,
                           Set<String> sentFields) implements Patch {

    public ProfilePatch {
        displayName = displayName == null ? null : displayName.strip();
    }
}
