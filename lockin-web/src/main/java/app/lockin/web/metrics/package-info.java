/**
 * SPEC §17 metrics, kept in the application's Micrometer registry ({@link app.lockin.ejb.metrics.Meters})
 * and served in Prometheus text format by {@link app.lockin.web.metrics.MetricsServlet} at {@code
 * /metrics}: {@link app.lockin.web.metrics.RequestMetricsFilter} times every API request by endpoint
 * template, method and status class; {@link app.lockin.web.metrics.LockinGauges} publishes the open
 * event streams and the running sessions. The counters of archival runs, idempotent replays and
 * rate-limit refusals are kept where those things happen.
 */
package app.lockin.web.metrics;
