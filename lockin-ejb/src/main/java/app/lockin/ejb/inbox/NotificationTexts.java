package app.lockin.ejb.inbox;

/**
 * The words of every notification the server writes (SPEC §6 invites, §7 milestones), in one
 * place. The rows are written in SQL ({@code INSERT ... ON CONFLICT DO NOTHING}, which JPA cannot
 * say: see InviteService and Milestones); the texts are bound there as parameters, never spelled
 * in the SQL.
 */
public final class NotificationTexts {

    /** A notification's title and body. */
    public record Text(String title, String body) {
    }

    private NotificationTexts() {
    }

    public static Text invite(String inviterName, String groupName) {
        return new Text("Invitation to " + groupName, inviterName + " invited you to join " + groupName);
    }

    /** To a member who met the group's goal in the current period. */
    public static Text memberMilestone(String groupName) {
        return new Text("Goal reached", "You reached your focus goal in " + groupName + " for this period.");
    }

    /** To every member once all of them met the goal in the current period. */
    public static Text groupMilestone(String groupName) {
        return new Text("Everyone reached the goal",
                "Every member of " + groupName + " reached the focus goal for this period.");
    }
}
