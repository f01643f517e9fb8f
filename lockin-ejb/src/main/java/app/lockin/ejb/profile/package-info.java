/**
 * Profiles and identities: first-call provisioning from a Cognito token (SPEC §2), the caller's
 * own profile, and avatar uploads through S3 presigned URLs (SPEC §4).
 */
package app.lockin.ejb.profile;
