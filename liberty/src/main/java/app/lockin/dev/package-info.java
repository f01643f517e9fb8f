/**
 * Development-only tools, never deployed: the run command's embedded PostgreSQL and local JWT
 * issuer ({@link app.lockin.dev.DevServer}) and the dev-token command ({@link app.lockin.dev.DevToken}).
 */
package app.lockin.dev;
