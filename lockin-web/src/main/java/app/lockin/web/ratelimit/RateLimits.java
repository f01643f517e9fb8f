package app.lockin.web.ratelimit;

import app.lockin.ejb.common.LockinClock;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This server's per-user limits (SPEC §15), in memory:
 * <ul>
 *   <li>writes: a Bucket4j token bucket per person, {@value #WRITES_PER_MINUTE} tokens (default
 *       {@value #DEFAULT_WRITES}) refilled greedily over a minute — so at most twice the limit in
 *       any 60 s, as the spec allows;</li>
 *   <li>invites and invite links: an exact sliding hour ({@link InviteBudget}),
 *       {@value #INVITES_PER_HOUR} (default {@value #DEFAULT_INVITES}).</li>
 * </ul>
 * Counted per server: with n servers behind a load balancer one person can reach n times the
 * limits (README). Both follow the application clock ({@link LockinClock}), so tests that pin it
 * see no refill until they move it. The limits are read on every write, so a configuration change
 * applies at once (and starts every count afresh).
 */
@ApplicationScoped
public class RateLimits {

    public static final String WRITES_PER_MINUTE = "LOCKIN_RATE_WRITES_PER_MINUTE";
    public static final String INVITES_PER_HOUR = "LOCKIN_RATE_INVITES_PER_HOUR";
    static final int DEFAULT_WRITES = 120;
    static final int DEFAULT_INVITES = 50;

    /** Past this many people tracked, full buckets and idle budgets (equal to new ones) are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    @Inject
    LockinClock clock;

    private final Map<UUID, Bucket> writes = new ConcurrentHashMap<>();
    private final Map<UUID, InviteBudget> invites = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private volatile int writeLimit = -1;
    private volatile int inviteLimit = -1;

    /** Takes one write of {@code userId}'s budget: empty when allowed, else the seconds to wait. */
    public OptionalLong takeWrite(UUID userId) {
        int limit = limit(WRITES_PER_MINUTE, DEFAULT_WRITES);
        if (limit != writeLimit) {
            writes.clear();
            writeLimit = limit;
        }
        sweepIfLarge();
        ConsumptionProbe probe = writes.computeIfAbsent(userId, id -> newBucket(limit)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
    }

    /** Takes a slot of {@code userId}'s invite budget (see {@link InviteBudget#reserve}). */
    public OptionalLong reserveInvite(UUID userId) {
        int limit = limit(INVITES_PER_HOUR, DEFAULT_INVITES);
        if (limit != inviteLimit) {
            invites.clear();
            inviteLimit = limit;
        }
        return invites.computeIfAbsent(userId, id -> new InviteBudget()).reserve(clock.now(), limit);
    }

    /** The invite request of {@code userId} answered; {@code created}: it answered 201. */
    public void settleInvite(UUID userId, boolean created) {
        InviteBudget budget = invites.get(userId);
        if (budget != null) {
            budget.settle(created, clock.now());
        }
    }

    private Bucket newBucket(int perMinute) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(new ApplicationClock())
                .build();
    }

    private void sweepIfLarge() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (writes.size() + invites.size() <= SWEEP_ABOVE || now - last < Duration.ofSeconds(10).toNanos()
                || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        int capacity = writeLimit;
        writes.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
        Instant at = clock.now();
        invites.values().removeIf(budget -> budget.isIdle(at));
    }

    private static int limit(String key, int defaultValue) {
        int value = ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(defaultValue);
        if (value < 1) {
            throw new IllegalStateException(key + " must be a positive number, not " + value);
        }
        return value;
    }

    /** Bucket4j's time source: the application clock, so a pinned clock stops the refill too. */
    private final class ApplicationClock implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
