/** Groups and what is under them: members, invites, and the race view of the current period (SPEC §5–§7). */
package app.lockin.web.group;
