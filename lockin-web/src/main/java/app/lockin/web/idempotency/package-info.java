/**
 * Idempotency keys (SPEC §15), written once for every write under {@code /api}:
 * {@link app.lockin.web.idempotency.IdempotencyFilter} checks the {@code Idempotency-Key} header,
 * claims the key (or answers the replay, 409 or 422) before the resource runs, and after it
 * stores the answer or releases the key; {@link app.lockin.web.idempotency.AnswerRecorder}
 * captures the body bytes the client receives. The database work is
 * {@code app.lockin.ejb.idempotency.IdempotencyKeys}.
 */
package app.lockin.web.idempotency;
