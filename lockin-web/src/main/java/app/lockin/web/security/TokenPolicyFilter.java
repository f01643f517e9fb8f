package app.lockin.web.security;

import app.lockin.ejb.profile.CallerIdentity;
import app.lockin.ejb.profile.KnownIdentities;
import app.lockin.web.error.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Every {@code /api} call: requires a token mpJwt has verified, applies {@link TokenPolicy}, and
 * resolves the caller's profile, creating it on the first call (SPEC §2). Declared once here so
 * no resource repeats it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TokenPolicyFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(TokenPolicyFilter.class.getName());

    @Inject
    JsonWebToken token;

    @Inject
    TokenPolicy policy;

    @Inject
    CurrentUser currentUser;

    @Inject
    KnownIdentities identities;

    @Inject
    JwksMirror jwks;

    @Override
    public void filter(ContainerRequestContext request) {
        // the principal itself, not the injected request-scoped proxy: each call through the proxy
        // looks up the contextual instance, and this filter reads about ten claims per request
        JsonWebToken token = request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken principal
                ? principal : this.token;
        if (token == null || token.getRawToken() == null) {
            // mpJwt lets a request through unauthenticated when its token fails validation
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            boolean sent = authorization != null;
            if (sent) {
                jwks.noticeRefused(authorization); // a kid nobody knows yet may be a key rotation
            }
            request.abortWith(sent
                    ? unauthorized("The bearer token is invalid or expired", "Bearer realm=\"lockin\", error=\"invalid_token\"")
                    : unauthorized("A bearer token is required", "Bearer realm=\"lockin\""));
            return;
        }
        var refusal = policy.refusal(token);
        if (refusal.isPresent()) {
            LOG.fine(() -> "Token refused: " + refusal.get());
            request.abortWith(unauthorized(refusal.get(), "Bearer realm=\"lockin\", error=\"invalid_token\""));
            return;
        }
        String issuer = token.getIssuer();
        String subject = token.getSubject();
        UUID profileId = identities.profileId(issuer, subject, () -> new CallerIdentity(issuer, subject,
                TokenPolicy.text(token.getClaim("email")),
                firstPresent(token, "name", "preferred_username", "cognito:username", "username")));
        currentUser.set(profileId, policy.isOperator(token), Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static String firstPresent(JsonWebToken token, String... claims) {
        for (String claim : claims) {
            String value = TokenPolicy.text(token.getClaim(claim));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Response unauthorized(String detail, String challenge) {
        return Response.fromResponse(Problem.response(401, "unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
