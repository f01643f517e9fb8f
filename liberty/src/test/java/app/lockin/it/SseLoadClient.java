package app.lockin.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The load client of {@link LiveFanOutBenchmarkIT}: many server-sent-event streams held by one
 * {@link HttpClient} (HTTP/1.1, one connection per stream) and read without a thread per stream.
 * Each body is consumed by a line subscriber ({@link HttpResponse.BodySubscribers#fromLineSubscriber})
 * on the client's selector thread and a small executor, so a thousand streams cost the client a
 * thousand sockets and a few threads.
 */
final class SseLoadClient {

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sse-load-client");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    private final List<Stream> streams = new CopyOnWriteArrayList<>();

    /**
     * Opens {@code path}; {@code onEvent} is called on a client thread with (stream, event name,
     * data) for every event and must be quick. The stream's {@link Stream#first} completes with the
     * first event (or fails when the server refuses or closes the stream).
     */
    Stream open(String path, String token, BiConsumer<Stream, Event> onEvent) {
        Stream stream = new Stream(onEvent);
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET().build();
        client.sendAsync(request, info -> {
            stream.status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
        }).whenComplete((response, failure) -> stream.ended(failure));
        streams.add(stream);
        return stream;
    }

    List<Stream> streams() {
        return streams;
    }

    /** Cancels every body subscription: the client closes the connections (the server finds out on its next write). */
    void closeAll() {
        streams.forEach(Stream::cancel);
        streams.clear();
    }

    /** One parsed event. */
    record Event(String name, String data, long arrivedNanos) {
    }

    /** One stream: SSE parsed line by line as the format defines it. */
    static final class Stream implements Flow.Subscriber<String> {
        final CompletableFuture<Event> first = new CompletableFuture<>();
        final AtomicLong progressEvents = new AtomicLong();
        final AtomicInteger otherEvents = new AtomicInteger();
        private final BiConsumer<Stream, Event> onEvent;
        volatile int status;
        volatile boolean ended;
        private volatile Flow.Subscription subscription;
        private String name;
        private StringBuilder data;
        private final StringBuilder refusal = new StringBuilder();
        /** Used by the benchmark: the last round this stream saw the expected state in. */
        volatile int lastRound = -1;

        private Stream(BiConsumer<Stream, Event> onEvent) {
            this.onEvent = onEvent;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (status != 200) {
                refusal.append(line);
                return;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    Event event = new Event(name == null ? "message" : name, data.toString(), System.nanoTime());
                    if (event.name().equals("progress")) {
                        progressEvents.incrementAndGet();
                    } else {
                        otherEvents.incrementAndGet();
                    }
                    first.complete(event);
                    onEvent.accept(this, event);
                }
                name = null;
                data = null;
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended(throwable);
        }

        @Override
        public void onComplete() {
            ended(null);
        }

        private void ended(Throwable failure) {
            ended = true;
            if (!first.isDone()) {
                first.completeExceptionally(new IllegalStateException("stream ended before its first event: status "
                        + status + " " + refusal, failure));
            }
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
