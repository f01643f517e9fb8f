/**
 * Live updates across servers (SPEC §11): services announce changes with
 * {@link app.lockin.ejb.live.LivePublisher} inside their transaction ({@code pg_notify}, delivered
 * at commit); each server's {@link app.lockin.ejb.live.LiveListener} holds one {@code LISTEN}
 * connection and hands the changes to the web layer's streams, which read the fresh state through
 * {@link app.lockin.ejb.live.LiveViews}.
 */
package app.lockin.ejb.live;
