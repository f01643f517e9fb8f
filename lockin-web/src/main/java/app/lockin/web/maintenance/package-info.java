/** Operator endpoints under {@code /api/maintenance} (SPEC §9). */
package app.lockin.web.maintenance;
