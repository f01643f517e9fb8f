package app.lockin.web.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * One person's budget of invites and invite links (SPEC §15): at most {@code limit} created in
 * any hour, exactly — a sliding log of the creation instants, not a token bucket (a bucket lets a
 * burst plus its refill through within one hour). A request takes a slot before it runs
 * ({@link #reserve}) so that concurrent requests cannot overshoot, and gives it back unless it
 * created something ({@link #settle}): only 201 answers count. At most {@code limit} instants
 * are kept.
 */
final class InviteBudget {

    static final Duration WINDOW = Duration.ofHours(1);

    private final Deque<Instant> created = new ArrayDeque<>();
    private int pending;

    /**
     * Takes a slot at {@code now}; empty when taken, else the seconds until one frees up.
     */
    synchronized OptionalLong reserve(Instant now, int limit) {
        forgetBefore(now.minus(WINDOW));
        if (created.size() + pending < limit) {
            pending++;
            return OptionalLong.empty();
        }
        if (created.size() < limit) {
            return OptionalLong.of(1); // some slots are held by requests still running: they may give them back
        }
        Instant frees = created.peekFirst().plus(WINDOW);
        return OptionalLong.of(Math.max(1, (Duration.between(now, frees).toMillis() + 999) / 1000));
    }

    /** The request holding a slot has answered: it counts from {@code at} when it created something. */
    synchronized void settle(boolean createdSomething, Instant at) {
        pending = Math.max(0, pending - 1);
        if (createdSomething) {
            created.addLast(at);
        }
    }

    /** Nothing counted and nothing pending: the budget can be forgotten. */
    synchronized boolean isIdle(Instant now) {
        forgetBefore(now.minus(WINDOW));
        return created.isEmpty() && pending == 0;
    }

    private void forgetBefore(Instant start) {
        while (!created.isEmpty() && !created.peekFirst().isAfter(start)) {
            created.removeFirst();
        }
    }
}
