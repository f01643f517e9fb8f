/**
 * What every service shares: the business exceptions (each carries the stable error code of
 * SPEC §1; the web layer maps the class to an HTTP status), field-level input checks, the
 * translation of database rules into them, instants at the database's precision, and
 * {@link app.lockin.ejb.common.LockinClock}, the one source of "now".
 *
 * <p>Query results that are not entities are records, one way everywhere: the query is created
 * with the record as its result class ({@code createQuery(jpql, R.class)},
 * {@code createNativeQuery(sql, R.class)}) and Hibernate calls the record's constructor with the
 * selected columns in order. Hibernate picks the constructor by the number of columns and the
 * values' own types must fit it: in JPQL exactly (a {@code count} is a {@code Long}); in native
 * queries (Hibernate 6.6 on PostgreSQL) uuid is {@code UUID}, text {@code String}, integer
 * {@code Integer}, bigint {@code Long}, boolean {@code Boolean} and timestamptz {@code Instant},
 * so a computed column is cast in SQL to the type its component needs (e.g. {@code ::bigint}).
 */
package app.lockin.ejb.common;
