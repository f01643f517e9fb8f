/**
 * Idempotency keys (SPEC §15): the database side of "a retried write is executed once".
 * {@link app.lockin.ejb.idempotency.IdempotencyKeys} claims a key in its own transaction before
 * the request's business work, stores the answer in the business transaction (or a refusal's on
 * its own), or releases the key; the web layer's
 * {@code app.lockin.web.idempotency} filters call it around every {@code POST}, {@code PATCH} and
 * {@code DELETE}. The claim itself is the SQL function {@code idempotency_claim} (V9).
 */
package app.lockin.ejb.idempotency;
