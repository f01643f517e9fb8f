/**
 * Mapping helpers shared by the entity packages (the lowercase enum converter base class).
 */
package app.lockin.persistence.common;
