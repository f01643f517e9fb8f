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

    /**
     * To the host of a session the server stopped because it ran {@code maxRun} without a pause
     * (SPEC §15 forgotten sessions).
     */
    public static Text sessionReminder(java.time.Duration maxRun) {
        return new Text("Your focus session was stopped",
                "It ran for " + readable(maxRun) + " without a pause, so LockIN stopped it when it reached that limit. "
                        + "Your time up to then counts.");
    }

    /** "12 hours", "90 minutes", "45 seconds". */
    static String readable(java.time.Duration d) {
        if (d.toSecondsPart() == 0 && d.toMinutesPart() == 0 && d.toHours() > 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toSecondsPart() == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }

    /** To every member once all of them met the goal in the current period. */
    public static Text groupMilestone(String groupName) {
        return new Text("Everyone reached the goal",
                "Every member of " + groupName + " reached the focus goal for this period.");
    }
}
