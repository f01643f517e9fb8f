/** Operations on the database as a whole: schema migration at start, archival (SPEC §9). */
package app.lockin.ejb.maintenance;
