/** MicroProfile Health checks: liveness stays cheap, readiness touches the database. */
package app.lockin.web.health;
