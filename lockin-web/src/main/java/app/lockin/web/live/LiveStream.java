package app.lockin.web.live;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One open event stream (SPEC §11): a group's ({@code groupId} set) or a person's own. Events
 * carry ids that increase within the stream; writes are serialised; the first failed write (the
 * client went away) closes it and tells the registry, which frees its slot.
 */
final class LiveStream {

    final UUID userId;
    final UUID groupId;
    private final SseEventSink sink;
    private final Sse sse;
    private final Consumer<LiveStream> onClosed;
    private long lastId;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long lastProgressNanos;
    private volatile boolean started;
    private volatile boolean closed;
    private Long lastUnreadCount;
    ScheduledFuture<?> expiry;

    LiveStream(UUID userId, UUID groupId, SseEventSink sink, Sse sse, Consumer<LiveStream> onClosed) {
        this.userId = userId;
        this.groupId = groupId;
        this.sink = sink;
        this.sse = sse;
        this.onClosed = onClosed;
    }

    /** Whether its first event (the snapshot) went out: pushes wait for it. */
    boolean started() {
        return started;
    }

    void start() {
        started = true;
    }

    synchronized void send(String name, String json) {
        if ("progress".equals(name)) {
            lastProgressNanos = System.nanoTime();
        }
        write(sse.newEventBuilder().id(Long.toString(++lastId)).name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, json).build());
    }

    /** An {@code inbox} event when the count differs from the last one sent (or {@code always}). */
    synchronized void sendUnreadCount(long count, boolean always) {
        if (always || lastUnreadCount == null || lastUnreadCount != count) {
            lastUnreadCount = count;
            send("inbox", "{\"unread_count\":" + count + "}");
        }
    }

    long millisSinceProgress() {
        return (System.nanoTime() - lastProgressNanos) / 1_000_000;
    }

    long millisSinceWrite() {
        return (System.nanoTime() - lastWriteNanos) / 1_000_000;
    }

    synchronized void keepAlive() {
        write(sse.newEventBuilder().comment("keep-alive").build());
    }

    /** Sends {@code last} (if any) and ends the stream. */
    synchronized void close(OutboundSseEvent last) {
        if (closed) {
            return;
        }
        if (last != null && !sink.isClosed()) {
            sink.send(last);
        }
        closeQuietly();
    }

    Sse sse() {
        return sse;
    }

    private void write(OutboundSseEvent event) {
        if (closed) {
            return;
        }
        if (sink.isClosed()) {
            closeQuietly();
            return;
        }
        lastWriteNanos = System.nanoTime();
        sink.send(event).whenComplete((done, failure) -> {
            if (failure != null) {
                closeQuietly();
            }
        });
    }

    private void closeQuietly() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the connection is gone either way
        }
        onClosed.accept(this);
    }
}
