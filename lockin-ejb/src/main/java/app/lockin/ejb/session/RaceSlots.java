package app.lockin.ejb.session;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The per-group slots of {@link RaceViews}, without the container: each holds a group's
 * {@link RaceSnapshot}, or the one build of it under way. A group's snapshot is rebuilt once per
 * burst of readers: the reader that finds no usable snapshot takes the slot and reads the
 * database; readers arriving meanwhile wait for that build instead of each running the query
 * (after a write, every reader of the group would otherwise rebuild at once).
 *
 * <p>No stale data, as before: an invalidation ({@link #drop}, {@link #clear}) removes the slot,
 * so a build that overlapped it is not stored, and a reader arriving after it never waits for that
 * build (it no longer finds the slot): it takes a new one, whose build reads the database after
 * the change. A reader that waited gets the snapshot of a build that started after the last
 * invalidation it could have missed, the same guarantee as a snapshot found in the slot. When the
 * build fails (not a member: 404 for that caller only; the database unavailable), or the snapshot
 * it made is not usable for the waiter, or the wait exceeds {@link #WAIT_SECONDS}, the waiter
 * builds for itself.
 */
final class RaceSlots {

    /** Groups kept per server (about 5 KB each with 20 members); beyond it some are dropped. */
    static final int MAX_GROUPS = 10_000;

    /**
     * How long a reader waits for another reader's build before building itself: above the
     * longest a build can take (a pooled connection within 3 s, a statement within 5 s).
     */
    static final long WAIT_SECONDS = 15;

    /** Tries at taking a slot before a reader builds without one (slots replaced under it each time). */
    private static final int TRIES = 3;

    private final ConcurrentHashMap<UUID, Slot> slots = new ConcurrentHashMap<>();

    private final BooleanSupplier connected;

    /** Readers waiting for another reader's build right now (tests). */
    private final AtomicInteger waiting = new AtomicInteger();

    /** @param connected whether the change notifications are heard: while not, nothing is kept or shared */
    RaceSlots(BooleanSupplier connected) {
        this.connected = connected;
    }

    /** A group's place, compared by identity: a built snapshot, or a build under way. */
    private static final class Slot {
        final RaceSnapshot snapshot;
        final CompletableFuture<RaceSnapshot> building;

        private Slot(RaceSnapshot snapshot, CompletableFuture<RaceSnapshot> building) {
            this.snapshot = snapshot;
            this.building = building;
        }

        static Slot built(RaceSnapshot snapshot) {
            return new Slot(snapshot, null);
        }

        static Slot underWay() {
            return new Slot(null, new CompletableFuture<>());
        }
    }

    /**
     * The rows for one reader of the group.
     *
     * @param use   the rows a snapshot gives this reader now, or null when it is not usable for them
     *              (period over, a session due, a milestone missing); may throw (not a member)
     * @param build reads the group's snapshot from the database (throws when the reader may not see it)
     */
    List<ProgressRow> rows(UUID groupId, Function<RaceSnapshot, List<ProgressRow>> use, Supplier<RaceSnapshot> build) {
        if (!connected.getAsBoolean()) {
            return own(build.get());
        }
        for (int tries = 0; tries < TRIES; tries++) {
            Slot seen = slots.get(groupId);
            if (seen != null) {
                RaceSnapshot snapshot = seen.snapshot != null ? seen.snapshot : awaited(seen.building, waiting);
                if (snapshot != null) {
                    List<ProgressRow> rows = use.apply(snapshot);
                    if (rows != null) {
                        return rows;
                    }
                }
            }
            Slot mine = Slot.underWay();
            boolean taken = seen == null ? slots.putIfAbsent(groupId, mine) == null : slots.replace(groupId, seen, mine);
            if (taken) {
                return own(lead(groupId, mine, build));
            }
            // another reader took the slot first (or an invalidation removed it): look again
        }
        return own(build.get());
    }

    /** The build of the slot {@code mine}, shared with the readers waiting for it, kept if nothing removed the slot meanwhile. */
    private RaceSnapshot lead(UUID groupId, Slot mine, Supplier<RaceSnapshot> build) {
        RaceSnapshot fresh;
        try {
            fresh = build.get();
        } catch (RuntimeException | Error e) {
            slots.remove(groupId, mine); // no group, or not the caller's: keep nothing for it
            mine.building.completeExceptionally(e); // the waiters build for themselves
            throw e;
        }
        mine.building.complete(fresh);
        if (connected.getAsBoolean() && slots.replace(groupId, mine, Slot.built(fresh))) {
            trim();
        } else {
            slots.remove(groupId, mine);
        }
        return fresh;
    }

    /** The snapshot of another reader's build, or null when it failed or took too long. */
    private static RaceSnapshot awaited(CompletableFuture<RaceSnapshot> building, AtomicInteger waiting) {
        waiting.incrementAndGet();
        try {
            return building.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The builder's own answer: the snapshot at the instant it was read (it awarded what it showed). */
    private static List<ProgressRow> own(RaceSnapshot fresh) {
        return fresh.rowsAt(fresh.builtAt());
    }

    /** A change of the group: its snapshot, or the build under way, is no longer kept nor shared. */
    void drop(UUID groupId) {
        slots.remove(groupId);
    }

    /** Notifications may have been lost: nothing kept. */
    void clear() {
        slots.clear();
    }

    private void trim() {
        Iterator<UUID> groups = slots.keySet().iterator();
        while (slots.size() > MAX_GROUPS && groups.hasNext()) {
            groups.next();
            groups.remove();
        }
    }

    int waiting() {
        return waiting.get();
    }

    int size() {
        return slots.size();
    }
}
