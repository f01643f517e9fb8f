/**
 * Per-user rate limits of SPEC §15, in this server's memory (no database round trip, reads never
 * touched): {@link app.lockin.web.ratelimit.RateLimitFilter} applies them to every write,
 * {@link app.lockin.web.ratelimit.RateLimits} holds the write limit's Bucket4j token buckets and
 * the exact hourly invite budget ({@link app.lockin.web.ratelimit.InviteBudget}).
 */
package app.lockin.web.ratelimit;
