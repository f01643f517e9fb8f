/**
 * What every service shares: the business exceptions (each carries the stable error code of
 * SPEC §1; the web layer maps the class to an HTTP status), field-level input checks, the
 * translation of database rules into them, instants at the database's precision, and
 * {@link app.lockin.ejb.common.LockinClock}, the one source of "now".
 */
package app.lockin.ejb.common;
