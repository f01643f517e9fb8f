/**
 * Invites (SPEC §6): notifications of kind group_invite sent by a group's owner or admin,
 * accepted (the recipient becomes a member) or declined by their recipient only.
 */
package app.lockin.ejb.invite;
