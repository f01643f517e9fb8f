/** Invites over HTTP (SPEC §6): sending one to a group, accepting or declining it. */
package app.lockin.web.invite;
