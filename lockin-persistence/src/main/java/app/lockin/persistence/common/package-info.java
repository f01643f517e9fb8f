/**
 * Mapping helpers shared by the entity packages: {@link app.lockin.persistence.common.WireNames}, the
 * one codec of enumeration values (schema and API alike), and the column converter built on it.
 */
package app.lockin.persistence.common;
