/**
 * SPEC §17 logs: every request has an id ({@code X-Request-Id}, honoured or generated, echoed on
 * every answer) that every log line written about the request carries ({@link
 * app.lockin.web.logging.RequestIdFilter}).
 */
package app.lockin.web.logging;
