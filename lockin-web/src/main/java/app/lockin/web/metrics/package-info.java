/**
 * SPEC §17 metrics, served in Prometheus text format at {@code /metrics} by Liberty's
 * MicroProfile Metrics 5.1 feature: {@link app.lockin.web.metrics.RequestMetricsFilter} times
 * every API request by endpoint template, method and status class; {@link
 * app.lockin.web.metrics.LockinGauges} publishes the open event streams and the running sessions.
 * The counters of archival runs, idempotent replays and rate-limit refusals are kept where those
 * things happen.
 */
package app.lockin.web.metrics;
