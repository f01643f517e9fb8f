/**
 * Bean Validation constraints of request records that the standard ones do not express (text
 * counted in code points, time zone names the schema accepts). Refusals become the problem+json
 * {@code errors[]} in {@link app.lockin.web.error.ConstraintViolationMapper}.
 */
package app.lockin.web.validation;
