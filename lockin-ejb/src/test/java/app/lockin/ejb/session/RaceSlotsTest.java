package app.lockin.ejb.session;

import app.lockin.ejb.common.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link RaceSlots}: one database read per burst of readers of a group, and never a snapshot
 * older than the last change a reader could know of. Each snapshot here has one member whose
 * display name names the build that made it, so a reader's rows say which build it got.
 */
class RaceSlotsTest {

    private static final UUID GROUP = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final RaceSlots slots = new RaceSlots(connected::get);
    private final AtomicInteger builds = new AtomicInteger();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    @Test
    void readersArrivingDuringABuildWaitForItInsteadOfReadingTheDatabase() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch building = new CountDownLatch(1);
        Future<String> leader = read(blockedBuild(building, release));
        assertTrue(building.await(10, TimeUnit.SECONDS));
        List<Future<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiters.add(read(this::build)); // would each read the database without the slot
        }
        awaitWaiting(8);
        release.countDown();
        assertEquals("build 1", leader.get(10, TimeUnit.SECONDS));
        for (Future<String> w : waiters) {
            assertEquals("build 1", w.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, builds.get());
        assertEquals("build 1", slots.rows(GROUP, RaceSlotsTest::usable, this::build).get(0).displayName()); // kept
        assertEquals(1, builds.get());
    }

    @Test
    void aReaderArrivingAfterAChangeDoesNotWaitForTheBuildThatOverlappedIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch building = new CountDownLatch(1);
        Future<String> before = read(blockedBuild(building, release));
        assertTrue(building.await(10, TimeUnit.SECONDS));
        slots.drop(GROUP); // a write commits while the first build reads
        Future<String> after = read(this::build);
        assertEquals("build 2", after.get(10, TimeUnit.SECONDS)); // its own read, after the change
        release.countDown();
        assertEquals("build 1", before.get(10, TimeUnit.SECONDS)); // concurrent with the change: either is right
        assertEquals("build 2", slots.rows(GROUP, RaceSlotsTest::usable, this::build).get(0).displayName());
        assertEquals(2, builds.get()); // the overlapped build was not kept over the later one
    }

    @Test
    void aBuildOverlappingAChangeIsNotKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch building = new CountDownLatch(1);
        Future<String> first = read(blockedBuild(building, release));
        assertTrue(building.await(10, TimeUnit.SECONDS));
        slots.drop(GROUP);
        release.countDown();
        assertEquals("build 1", first.get(10, TimeUnit.SECONDS));
        assertEquals(0, slots.size());
        assertEquals("build 2", slots.rows(GROUP, RaceSlotsTest::usable, this::build).get(0).displayName());
    }

    @Test
    void whenTheBuildFailsForItsReaderTheWaitersBuildForThemselves() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch building = new CountDownLatch(1);
        Future<String> stranger = read(() -> {
            building.countDown();
            await(release);
            builds.incrementAndGet();
            throw new NotFoundException("No such group"); // not a member
        });
        assertTrue(building.await(10, TimeUnit.SECONDS));
        Future<String> member = read(this::build);
        awaitWaiting(1);
        release.countDown();
        var failure = assertThrows(Exception.class, () -> stranger.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof NotFoundException, failure.toString());
        assertEquals("build 2", member.get(10, TimeUnit.SECONDS));
        assertEquals(1, slots.size());
    }

    @Test
    void aSnapshotNotUsableForTheReaderIsRebuiltAndReplaced() {
        slots.rows(GROUP, RaceSlotsTest::usable, this::build);
        List<ProgressRow> rows = slots.rows(GROUP, s -> s.members().get(0).displayName().equals("build 1") ? null : usable(s),
                this::build);
        assertEquals("build 2", rows.get(0).displayName());
        assertEquals("build 2", slots.rows(GROUP, RaceSlotsTest::usable, this::build).get(0).displayName());
    }

    @Test
    void whileChangesAreNotHeardEveryReadBuildsAndNothingIsKept() {
        connected.set(false);
        slots.rows(GROUP, RaceSlotsTest::usable, this::build);
        slots.rows(GROUP, RaceSlotsTest::usable, this::build);
        assertEquals(2, builds.get());
        assertEquals(0, slots.size());
    }

    private Future<String> read(Supplier<RaceSnapshot> build) {
        return readers.submit(() -> slots.rows(GROUP, RaceSlotsTest::usable, build).get(0).displayName());
    }

    private static List<ProgressRow> usable(RaceSnapshot snapshot) {
        return snapshot.rowsAt(snapshot.builtAt());
    }

    private Supplier<RaceSnapshot> blockedBuild(CountDownLatch building, CountDownLatch release) {
        return () -> {
            int n = builds.incrementAndGet(); // numbered when its read starts
            building.countDown();
            await(release);
            return snapshot(n);
        };
    }

    private RaceSnapshot build() {
        return snapshot(builds.incrementAndGet());
    }

    private static RaceSnapshot snapshot(int n) {
        var member = new RaceSnapshot.Member(UUID.randomUUID(), "build " + n, null, 60, T0, T0.plusSeconds(3600),
                T0, T0.plusSeconds(3600), T0.plusSeconds(3600), 0, null, null, false, 0, null, T0);
        return RaceSnapshot.of(GROUP, List.of(member), Set.of());
    }

    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slots.waiting() < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + slots.waiting() + " of " + n + " readers waiting");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
