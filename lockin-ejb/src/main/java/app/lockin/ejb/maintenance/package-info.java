/**
 * Operations on the database as a whole: schema migration at start
 * ({@link app.lockin.ejb.maintenance.SchemaMigration}) and the archival of expired groups, by an
 * operator's call or on a schedule (SPEC §9, {@link app.lockin.ejb.maintenance.ArchivalService},
 * {@link app.lockin.ejb.maintenance.ArchivalTimer}).
 */
package app.lockin.ejb.maintenance;
