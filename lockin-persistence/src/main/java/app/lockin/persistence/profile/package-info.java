/**
 * People: {@link app.lockin.persistence.profile.Profile} (tables {@code profiles}; its id is the
 * user id everywhere) and {@link app.lockin.persistence.profile.AuthIdentity} (an identity
 * provider's {@code (iss, sub)} pointing at a profile, table {@code auth_identities}).
 */
package app.lockin.persistence.profile;
