package app.lockin.web.live;

import app.lockin.ejb.live.LiveChange;
import app.lockin.ejb.live.LiveListener;
import app.lockin.ejb.live.LiveViews;
import app.lockin.ejb.session.ProgressRow;
import app.lockin.web.error.RetryLaterException;
import app.lockin.web.json.JsonbProvider;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's open event streams and what is pushed to them (SPEC §11).
 *
 * <p>Changes arrive from {@link LiveListener} (from any server, through PostgreSQL). For a group,
 * a burst of changes becomes one read of the race view, sent to every stream of the group here:
 * at most one {@code progress} event per 250 ms, always the latest state, never one query per
 * stream. Session changes of the burst go out first, each read once. Nothing holds a thread per
 * stream: streams are written from the scheduler's few threads.
 *
 * <p>Limits: {@value #PER_USER} streams per person on this server (both kinds), and
 * {@code LOCKIN_SSE_MAX_STREAMS} in all; a dead connection is found by the keep-alive write and
 * frees its slot.
 */
@ApplicationScoped
public class LiveStreams {

    static final int PER_USER = 5;
    private static final long COALESCE_MILLIS = 250;
    /** Silence after which a comment goes out; with the tick's period, no stream is silent for 15 s. */
    private static final long KEEP_ALIVE_MILLIS = 8_000;
    private static final long TICK_SECONDS = 5;
    /** How long a refused client should wait: a vanished connection frees its slot by then. */
    private static final int RETRY_AFTER_SECONDS = 35;

    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

    @EJB
    LiveListener listener;

    @EJB
    LiveViews views;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Read at each new stream, so an operator's change applies without a restart. */
    @Inject
    @ConfigProperty(name = "LOCKIN_SSE_MAX_STREAMS", defaultValue = "10000")
    Provider<Integer> maxStreams;

    private final Set<LiveStream> all = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Set<LiveStream>> byGroup = new ConcurrentHashMap<>();
    private final Map<UUID, Set<LiveStream>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, GroupPushes> pushes = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticks;
    /**
     * SIGTERM reaches the application late: Liberty first waits up to 30 s for requests in flight
     * to finish — open streams among them — and stops the application only then, after it has
     * stopped listening. A JVM shutdown hook runs at SIGTERM itself, so the streams are told to
     * come back (to another server) at once, and the wait ends with them.
     */
    private final Thread onSigterm = new Thread(this::closeAllStreams, "lockin-live-shutdown");

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        listener.subscribe(this::received);
        ticks = scheduler.scheduleAtFixedRate(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(onSigterm);
    }

    /**
     * Opens a group stream: its first event is {@code snapshot} (read after the slot is taken, and
     * the caller's membership checked by it), then every push of the group.
     */
    public void openGroupStream(UUID groupId, UUID userId, Instant expiresAt, SseEventSink sink, Sse sse,
                                Supplier<List<ProgressRow>> snapshot) {
        open(new LiveStream(userId, groupId, sink, sse, this::forget), expiresAt,
                stream -> stream.send("progress", JsonbProvider.toJson(snapshot.get())));
    }

    /** Opens the caller's own stream: first {@code inbox}, then their notifications. */
    public void openInboxStream(UUID userId, Instant expiresAt, SseEventSink sink, Sse sse) {
        open(new LiveStream(userId, null, sink, sse, this::forget), expiresAt,
                stream -> stream.sendUnreadCount(views.unreadCount(userId), true));
    }

    /** Open streams on this server (for operators and tests). */
    public int openStreams() {
        return all.size();
    }

    private void open(LiveStream stream, Instant expiresAt, java.util.function.Consumer<LiveStream> first) {
        reserve(stream);
        GroupPushes group = stream.groupId == null ? null : pushes.computeIfAbsent(stream.groupId, GroupPushes::new);
        long changesBefore = group == null ? 0 : group.changes();
        try {
            first.accept(stream);
        } catch (RuntimeException e) {
            forget(stream);
            throw e;
        }
        stream.start();
        long untilExpiry = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        stream.expiry = scheduler.schedule(() -> stream.close(stream.sse().newEventBuilder()
                .name("expired").data(String.class, "{}").build()), untilExpiry, TimeUnit.MILLISECONDS);
        if (group != null && group.changes() != changesBefore) {
            requestPush(stream.groupId, null); // a change landed while the snapshot was read
        }
    }

    private synchronized void reserve(LiveStream stream) {
        if (byUser.getOrDefault(stream.userId, Set.of()).size() >= PER_USER) {
            throw new RetryLaterException(429, "too_many_requests",
                    "At most " + PER_USER + " open event streams per person", RETRY_AFTER_SECONDS);
        }
        if (all.size() >= maxStreams.get()) {
            LOG.warning(() -> "Live updates: refusing a stream, " + all.size() + " are open (LOCKIN_SSE_MAX_STREAMS)");
            throw new RetryLaterException(503, "server_busy", "This server holds as many event streams as it can",
                    RETRY_AFTER_SECONDS);
        }
        all.add(stream);
        byUser.computeIfAbsent(stream.userId, u -> ConcurrentHashMap.newKeySet()).add(stream);
        if (stream.groupId != null) {
            byGroup.computeIfAbsent(stream.groupId, g -> ConcurrentHashMap.newKeySet()).add(stream);
        }
    }

    private synchronized void forget(LiveStream stream) {
        all.remove(stream);
        removeFrom(byUser, stream.userId, stream);
        if (stream.groupId != null && removeFrom(byGroup, stream.groupId, stream)) {
            pushes.remove(stream.groupId);
        }
    }

    /** Removes {@code stream}; whether that left {@code key} without streams. */
    private static boolean removeFrom(Map<UUID, Set<LiveStream>> index, UUID key, LiveStream stream) {
        Set<LiveStream> streams = index.get(key);
        if (streams == null) {
            return true;
        }
        streams.remove(stream);
        if (streams.isEmpty()) {
            index.remove(key);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------ changes

    /**
     * On the listener's thread. A push request only takes a lock for a moment, so it is made here,
     * in the order the notifications came: one transaction notifies {@code session} and {@code
     * progress} together, and both then join the same push (handed to the scheduler one by one,
     * the push of the first could start before the second was seen, and the group got a second
     * push of the same state: 1.2 reads and events per change with 1,000 streams of one group, see
     * LiveFanOutBenchmarkIT). Anything that reads the database goes to the scheduler.
     */
    private void received(LiveChange change) {
        switch (change.kind()) {
            case LiveChange.PROGRESS, LiveChange.SESSION -> onChange(change);
            default -> scheduler.execute(() -> onChange(change));
        }
    }

    private void onChange(LiveChange change) {
        try {
            switch (change.kind()) {
                case LiveChange.PROGRESS -> requestPush(change.groupId(), null);
                case LiveChange.SESSION -> requestPush(change.groupId(), change.sessionId());
                case LiveChange.MILESTONE -> sendToGroup(change.groupId(), "milestone", JsonbProvider.toJson(
                        new MilestoneEvent(change.detail(), change.userId(), change.periodStart())));
                case LiveChange.REVOKED -> revoke(change.groupId(), change.userId(), change.detail());
                case LiveChange.ACCOUNT_DELETED -> closeAllOf(change.userId());
                case LiveChange.NOTIFICATION -> notifyInbox(change.userId(), change.notificationId());
                case LiveChange.INBOX -> sendUnreadCount(change.userId(), false);
                case LiveChange.RESYNC -> resync();
                default -> LOG.fine(() -> "Live updates: ignoring a change of kind " + change.kind());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live updates: could not push a " + change.kind() + " change", e);
        }
    }

    /** Schedules one push of the group's state, no sooner than 250 ms after the last one. */
    private void requestPush(UUID groupId, UUID sessionId) {
        if (groupId == null || !byGroup.containsKey(groupId)) {
            return;
        }
        GroupPushes group = pushes.computeIfAbsent(groupId, GroupPushes::new);
        long delay = group.request(sessionId, COALESCE_MILLIS);
        if (delay >= 0) {
            scheduler.schedule(() -> push(group), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void push(GroupPushes group) {
        try {
            List<UUID> sessions = group.take();
            if (!byGroup.containsKey(group.groupId)) {
                return;
            }
            write(group, sessions);
        } finally {
            long next = group.finished(COALESCE_MILLIS);
            if (next >= 0) {
                scheduler.schedule(() -> push(group), next, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void write(GroupPushes group, List<UUID> sessions) {
        try {
            for (UUID sessionId : sessions) {
                views.session(sessionId).ifPresent(view -> sendToGroup(group.groupId, "session", JsonbProvider.toJson(view)));
            }
            List<ProgressRow> rows = views.progress(group.groupId);
            String json = JsonbProvider.toJson(rows);
            boolean again = false;
            for (LiveStream stream : streamsOf(byGroup, group.groupId)) {
                if (!stream.started()) {
                    continue;
                }
                if (stream.millisSinceProgress() < COALESCE_MILLIS) {
                    again = true; // its snapshot went out a moment ago: it gets this state next round
                } else {
                    stream.send("progress", json);
                }
            }
            group.nextCheckAt(GroupPushes.timeAlonePushesAt(rows, Instant.now()));
            if (again) {
                requestPush(group.groupId, null);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live updates: could not push the race view of group " + group.groupId, e);
        }
    }

    private void sendToGroup(UUID groupId, String name, String json) {
        streamsOf(byGroup, groupId).stream().filter(LiveStream::started).forEach(s -> s.send(name, json));
    }

    private void revoke(UUID groupId, UUID userId, String reason) {
        for (LiveStream stream : streamsOf(byGroup, groupId)) {
            if (stream.userId.equals(userId)) {
                stream.close(stream.sse().newEventBuilder().name("revoked")
                        .data(String.class, "{\"reason\":\"" + reason + "\"}").build());
            }
        }
        requestPush(groupId, null);
    }

    /**
     * The person deleted their account (SPEC §14): each of their streams still open here ends with
     * {@code revoked}, {@code left} on a group stream (as when leaving the group, which arrives too
     * but may find the stream on another server's list first) and {@code account_deleted} on the
     * inbox stream, whose owner no longer exists. A token of the deleted identity that reconnects
     * gets a new, empty profile (SPEC §14), never the old one's streams.
     */
    private void closeAllOf(UUID userId) {
        for (LiveStream stream : streamsOf(byUser, userId)) {
            String reason = stream.groupId == null ? "account_deleted" : "left";
            stream.close(stream.sse().newEventBuilder().name("revoked")
                    .data(String.class, "{\"reason\":\"" + reason + "\"}").build());
        }
    }

    private void notifyInbox(UUID userId, UUID notificationId) {
        List<LiveStream> inboxes = inboxStreamsOf(userId);
        if (inboxes.isEmpty()) {
            return;
        }
        views.notification(notificationId).ifPresent(view -> {
            String json = JsonbProvider.toJson(view);
            inboxes.forEach(s -> s.send("notification", json));
        });
        sendUnreadCount(userId, false);
    }

    private void sendUnreadCount(UUID userId, boolean always) {
        List<LiveStream> inboxes = inboxStreamsOf(userId);
        if (!inboxes.isEmpty()) {
            long count = views.unreadCount(userId);
            inboxes.forEach(s -> s.sendUnreadCount(count, always));
        }
    }

    /** After the listener was away: every stream gets the current state. */
    private void resync() {
        new ArrayList<>(byGroup.keySet()).forEach(groupId -> requestPush(groupId, null));
        byUser.keySet().forEach(userId -> sendUnreadCount(userId, false));
    }

    // ------------------------------------------------------------------------------ time

    /** Keep-alives, dead connections, and the pushes time alone causes (a period rolls over, a goal is reached). */
    private void tick() {
        try {
            for (LiveStream stream : new ArrayList<>(all)) {
                if (stream.started() && stream.millisSinceWrite() >= KEEP_ALIVE_MILLIS) {
                    stream.keepAlive();
                }
            }
            Instant now = Instant.now();
            for (GroupPushes group : new ArrayList<>(pushes.values())) {
                if (group.dueAt(now)) {
                    requestPush(group.groupId, null);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Live updates: the periodic tick failed", e);
        }
    }

    /** The application stops (a redeployment, or the end of a shutdown). */
    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false); // its tasks cannot run any more
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSigterm);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        closeAllStreams();
    }

    /** SPEC §11: on shutdown every stream is told to come back in a second ({@code retry: 1000}), then closed. */
    private void closeAllStreams() {
        for (LiveStream stream : new ArrayList<>(all)) {
            // the runtime writes retry: only on an event with data, so it travels on an event of its own,
            // named so that no client handles it by accident
            stream.close(stream.sse().newEventBuilder().name("shutdown").reconnectDelay(1000)
                    .data(String.class, "{}").build());
        }
    }

    private List<LiveStream> inboxStreamsOf(UUID userId) {
        return streamsOf(byUser, userId).stream().filter(s -> s.groupId == null && s.started()).toList();
    }

    private static List<LiveStream> streamsOf(Map<UUID, Set<LiveStream>> index, UUID key) {
        Set<LiveStream> streams = key == null ? null : index.get(key);
        return streams == null ? List.of() : List.copyOf(streams);
    }

    /** The data of a {@code milestone} event: {@code user_id} null for the group's. */
    public record MilestoneEvent(String kind, UUID userId, Instant periodStart) {
    }

    /**
     * The pushes of one group on this server: coalescing, the sessions of the burst, and time's own
     * changes. One push of a group at a time: a change that arrives while a push is being written
     * (with a thousand streams that takes longer than the coalescing window) is pushed once that
     * one ends, instead of by a second push racing the first over the same streams.
     */
    private static final class GroupPushes {
        final UUID groupId;
        private final Set<UUID> sessions = new LinkedHashSet<>();
        /** A push is due: scheduled, or (with {@code deferred}) waiting for the running one. */
        private boolean scheduled;
        private boolean running;
        private boolean deferred;
        private long lastPushMillis;
        private long changes;
        private Instant nextCheckAt;

        GroupPushes(UUID groupId) {
            this.groupId = groupId;
        }

        /** Records a change; the delay of the push to schedule, or -1 when one is already scheduled. */
        synchronized long request(UUID sessionId, long coalesceMillis) {
            changes++;
            if (sessionId != null) {
                sessions.add(sessionId);
            }
            if (scheduled) {
                return -1;
            }
            scheduled = true;
            if (running) {
                deferred = true; // scheduled by finished()
                return -1;
            }
            return Math.max(0, lastPushMillis + coalesceMillis - System.currentTimeMillis());
        }

        synchronized List<UUID> take() {
            scheduled = false;
            running = true;
            lastPushMillis = System.currentTimeMillis();
            List<UUID> taken = List.copyOf(sessions);
            sessions.clear();
            return taken;
        }

        /** The running push ended; the delay of the next one when changes arrived meanwhile, else -1. */
        synchronized long finished(long coalesceMillis) {
            running = false;
            if (!deferred) {
                return -1;
            }
            deferred = false;
            return Math.max(0, lastPushMillis + coalesceMillis - System.currentTimeMillis());
        }

        synchronized long changes() {
            return changes;
        }

        synchronized void nextCheckAt(Instant at) {
            nextCheckAt = at;
        }

        synchronized boolean dueAt(Instant now) {
            return nextCheckAt != null && !now.isBefore(nextCheckAt);
        }

        /**
         * When the race changes with no write at all: the period ends (SPEC §11: the rollover is
         * pushed), or a member who is focusing reaches the target (a milestone).
         */
        static Instant timeAlonePushesAt(List<ProgressRow> rows, Instant now) {
            Instant next = null;
            for (ProgressRow row : rows) {
                next = earliest(next, row.periodEnd());
                long missing = row.targetMinutes() * 60L - row.secondsDone();
                if (row.isFocusing() && !row.goalMet() && missing > 0) {
                    next = earliest(next, now.plusSeconds(missing));
                }
            }
            return next;
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null || (b != null && b.isBefore(a)) ? b : a;
        }
    }
}
