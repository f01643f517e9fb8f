package app.lockin.ejb.profile;

/**
 * Who is calling, as the validated token says (SPEC §2): {@code (provider, subject) = (iss, sub)},
 * plus the claims that seed a new profile.
 */
public record CallerIdentity(String provider, String subject, String email, String displayName) {
}
