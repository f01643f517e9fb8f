/**
 * The live race over server-sent events (SPEC §11): the two stream endpoints and
 * {@link app.lockin.web.live.LiveStreams}, this server's registry of open streams, which turns the
 * changes announced through PostgreSQL into events.
 */
package app.lockin.web.live;
