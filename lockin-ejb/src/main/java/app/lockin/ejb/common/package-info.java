/**
 * What every service shares: the business exceptions (each carries the stable error code of
 * SPEC §1; the web layer maps the class to an HTTP status).
 */
package app.lockin.ejb.common;
