/**
 * SPEC §17 graceful shutdown: what SIGTERM does to this server ({@link
 * app.lockin.web.shutdown.SigtermExit}).
 */
package app.lockin.web.shutdown;
