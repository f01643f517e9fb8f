package app.lockin.ejb.invite;

import java.time.Instant;
import java.util.UUID;

/** An invite link as its group's owner and admins see it (SPEC §13); {@code url_path} is {@code /join/<code>}. */
public record InviteLinkView(String code, String urlPath, Instant expiresAt, int maxUses, int uses, UUID createdBy,
                             Instant createdAt) {

    static InviteLinkView of(String code, Instant expiresAt, int maxUses, int uses, UUID createdBy, Instant createdAt) {
        return new InviteLinkView(code, "/join/" + code, expiresAt, maxUses, uses, createdBy, createdAt);
    }
}
