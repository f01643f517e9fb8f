/** History and personal statistics (SPEC §12): {@code /api/groups/{id}/periods} and {@code /api/me/stats}. */
package app.lockin.web.history;
