package app.lockin.web.ratelimit;

import app.lockin.web.error.RetryLaterException;
import app.lockin.web.idempotency.IdempotencyFilter;
import app.lockin.web.security.CurrentUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SPEC §15 rate limits on every {@code POST}, {@code PATCH} and {@code DELETE} under {@code /api}:
 * 429 {@code too_many_requests} with {@code Retry-After} and nothing applied. Reads pass untouched.
 * Runs after {@link IdempotencyFilter}, so replays and idempotency refusals (which abort before
 * this filter) never count; a 429 is never stored as a key's answer.
 *
 * <p>Invites ({@code POST /api/groups/{id}:invite}) and invite links ({@code POST
 * /api/groups/{id}/invite-links}) also take a slot of the hourly invite budget, which the answer
 * keeps only when it is 201. The budget is checked first, so a request it refuses costs no write.
 */
@Provider
@Priority(IdempotencyFilter.PRIORITY + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");
    /** The paths that create invites or invite links (relative to {@code /api}). */
    private static final Pattern INVITES = Pattern.compile("/?groups/[^/]+(:invite|/invite-links)/?");
    private static final String INVITE_SLOT = RateLimitFilter.class.getName() + ".invite";

    @Inject
    CurrentUser currentUser;

    @Inject
    RateLimits limits;

    /** SPEC §17: refusals by limit ({@code writes}, {@code invites}). */
    @Inject
    MeterRegistry registry;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        UUID userId = currentUser.id();
        boolean invite = request.getMethod().equals("POST") && INVITES.matcher(request.getUriInfo().getPath(false)).matches();
        if (invite) {
            OptionalLong wait = limits.reserveInvite(userId);
            if (wait.isPresent()) {
                refused("invites");
                throw tooMany("You created too many invites and invite links in the last hour", wait.getAsLong());
            }
            request.setProperty(INVITE_SLOT, userId);
        }
        OptionalLong wait = limits.takeWrite(userId);
        if (wait.isPresent()) {
            if (invite) {
                request.removeProperty(INVITE_SLOT);
                limits.settleInvite(userId, false);
            }
            refused("writes");
            throw tooMany("Too many writes in the last minute", wait.getAsLong());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(INVITE_SLOT) instanceof UUID userId) {
            request.removeProperty(INVITE_SLOT);
            limits.settleInvite(userId, response.getStatus() == 201);
        }
    }

    private void refused(String limit) {
        Counter.builder("lockin.ratelimit.refusals").description("Requests refused with 429 by a per-person rate limit")
                .tag("limit", limit).register(registry).increment();
    }

    private static RetryLaterException tooMany(String detail, long seconds) {
        return new RetryLaterException(429, "too_many_requests", detail, (int) Math.min(Integer.MAX_VALUE, seconds));
    }
}
