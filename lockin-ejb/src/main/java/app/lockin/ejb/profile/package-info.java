/**
 * Profiles and identities: first-call provisioning from a Cognito token (SPEC §2) and the
 * caller's own profile (SPEC §4).
 */
package app.lockin.ejb.profile;
