package app.lockin.web.security;

import jakarta.enterprise.context.RequestScoped;

import java.time.Instant;
import java.util.UUID;

/** The caller of this request, resolved once by {@link TokenPolicyFilter}. */
@RequestScoped
public class CurrentUser {

    private UUID id;
    private boolean operator;
    private Instant tokenExpiresAt;

    void set(UUID id, boolean operator, Instant tokenExpiresAt) {
        this.id = id;
        this.operator = operator;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    /** {@code profiles.id} of the caller: the user id everywhere in the API. */
    public UUID id() {
        if (id == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return id;
    }

    /** When the caller's token expires ({@code exp}): a live stream ends then (SPEC §11). */
    public Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    /** Whether the token's {@code cognito:groups} holds the operator group (SPEC §2). */
    public boolean isOperator() {
        return operator;
    }
}
