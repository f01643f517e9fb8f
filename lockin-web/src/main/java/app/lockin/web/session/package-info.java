/** Focus sessions, participants and manual time logs (SPEC §7). */
package app.lockin.web.session;
