package app.lockin.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The token checks mpJwt cannot make (SPEC §2): {@code token_use} and the app client ids. mpJwt
 * has already verified the signature (RS256 against the JWKS), {@code iss} and {@code exp}.
 */
@ApplicationScoped
public class TokenPolicy {

    /**
     * SPEC §16: mpJwt's decoder also takes standard base64 with {@code =} padding; the compact form
     * is three unpadded base64url segments, and anything else is refused.
     */
    static boolean strictCompactJws(String token) {
        // three non-empty segments of [A-Za-z0-9_-] separated by dots: a loop rather than a regular
        // expression, which cost 1–2 % of the server's CPU on every request of the load benchmark
        int dots = 0;
        int segment = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (segment == 0 || ++dots > 2) {
                    return false;
                }
                segment = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                segment++;
            } else {
                return false;
            }
        }
        return dots == 2 && segment > 0;
    }

    @Inject
    @ConfigProperty(name = "LOCKIN_JWT_TOKEN_USE", defaultValue = "access")
    String tokenUse;

    @Inject
    @ConfigProperty(name = "LOCKIN_JWT_CLIENT_IDS")
    Optional<String> configuredClientIds;

    @Inject
    @ConfigProperty(name = "LOCKIN_ADMIN_GROUP", defaultValue = "lockin-admin")
    String adminGroup;

    private Set<String> clientIds;

    @PostConstruct
    void checkConfiguration() {
        tokenUse = tokenUse.strip();
        if (!List.of("access", "id", "any").contains(tokenUse)) {
            throw new IllegalArgumentException("LOCKIN_JWT_TOKEN_USE must be access, id or any, not " + tokenUse);
        }
        clientIds = Arrays.stream(configuredClientIds.orElse("").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        adminGroup = adminGroup.strip();
    }

    /** Why this verified token is still refused, or empty when it is acceptable. */
    public Optional<String> refusal(JsonWebToken token) {
        if (!strictCompactJws(token.getRawToken())) {
            return Optional.of("the token must be three base64url segments without padding (RFC 7515)");
        }
        Object clientId = token.getClaim("client_id");
        if (clientId != null && !(clientId instanceof String || clientId instanceof jakarta.json.JsonString)) {
            return Optional.of("client_id must be a string");
        }
        String use = text(token.getClaim("token_use"));
        if (use == null || !(use.equals("access") || use.equals("id"))) {
            return Optional.of("token_use must be access or id");
        }
        if (!tokenUse.equals("any") && !tokenUse.equals(use)) {
            return Optional.of("token_use " + use + " is not accepted here");
        }
        if (!clientIds.isEmpty()) {
            // access tokens name the app client in client_id, ID tokens in aud
            Collection<String> clients = use.equals("access") ? stringList(token.getClaim("client_id"))
                    : stringList(token.getClaim("aud"));
            if (clients.stream().noneMatch(clientIds::contains)) {
                return Optional.of("the token was not issued to a known app client");
            }
        }
        return Optional.empty();
    }

    /** Reads {@code cognito:groups} itself: mpJwt's getGroups() came back empty on Liberty. */
    public boolean isOperator(JsonWebToken token) {
        return stringList(token.getClaim("cognito:groups")).contains(adminGroup);
    }

    private static Collection<String> stringList(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof String s) {
            return List.of(s);
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(TokenPolicy::unquote).toList();
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream().map(TokenPolicy::unquote).toList();
        }
        return List.of(unquote(claim));
    }

    /** A string claim, whichever of String or JsonString the runtime hands out; null when absent. */
    public static String text(Object claim) {
        return claim == null ? null : unquote(claim);
    }

    private static String unquote(Object value) {
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return String.valueOf(value);
    }
}
