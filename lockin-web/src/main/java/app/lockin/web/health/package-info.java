/**
 * Health (SPEC §10): MicroProfile Health checks (liveness stays cheap, readiness touches the
 * database) and the servlet that answers {@code /health/…} with them.
 */
package app.lockin.web.health;
