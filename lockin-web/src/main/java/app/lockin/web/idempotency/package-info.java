/**
 * Idempotency keys (SPEC §15), written once for every write under {@code /api}:
 * {@link app.lockin.web.idempotency.IdempotencyFilter} checks the {@code Idempotency-Key} header,
 * claims the key (or answers the replay, 409 or 422) before the resource runs, runs the claimed
 * request in one transaction that commits its effect together with its stored answer, and stores
 * refusals or releases the key. The database work is
 * {@code app.lockin.ejb.idempotency.IdempotencyKeys}.
 */
package app.lockin.web.idempotency;
