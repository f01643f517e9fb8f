package app.lockin.it;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A server-sent-events client for the tests (SPEC §11), as a phone holds one: a real HTTP
 * connection read line by line, each event parsed as the SSE format defines it (id, event, data,
 * retry; comment lines kept apart) and queued as it arrives.
 */
final class EventStream implements AutoCloseable {

    /** One event; {@code name} "message" when the stream named none; {@code end} marks the stream's close. */
    record Event(String id, String name, String data, Integer retry, boolean end) {

        JsonValue json() {
            try (var reader = Json.createReader(new StringReader(data))) {
                return reader.readValue();
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with the token (none when null); returns once the response headers arrived. */
    static EventStream open(String path, String token) {
        return open(TestEnvironment.baseUrl(), path, token);
    }

    /** As {@link #open(String, String)}, on the server at {@code baseUrl}. */
    static EventStream open(String baseUrl, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<HttpResponse<Stream<String>>> sent =
                Api.CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        try {
            return new EventStream(sent.get(15, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no response headers from " + path, e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event, whatever its name; fails after {@code timeout}. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event named {@code name}, skipping others (returned in {@code skipped} order). */
    Event next(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.end()) {
                throw new AssertionError("the stream ended before a " + name + " event");
            }
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    /** Events already received, without waiting. */
    List<Event> drain() {
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    /** The whole body of a refused (non-200) stream. */
    String body() {
        StringBuilder body = new StringBuilder();
        for (Event e; (e = next(Duration.ofSeconds(10))) != null && !e.end(); ) {
            body.append(e.data());
        }
        return body.toString();
    }

    private void read() {
        String id = null;
        String name = null;
        Integer retry = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (response.statusCode() != 200) {
                    events.add(new Event(null, "body", line, null, false));
                    continue;
                }
                if (line.isEmpty()) {
                    if (data != null || retry != null) {
                        events.add(new Event(id, name == null ? "message" : name, data == null ? "" : data.toString(),
                                retry, false));
                    }
                    id = null;
                    name = null;
                    retry = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    synchronized (this) {
                        comments.add(line.substring(1).strip());
                    }
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "retry" -> retry = Integer.valueOf(value);
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the connection went away: the stream ends
        }
        events.add(new Event(null, "end", "", null, true));
    }

    /** Whether the server closed the stream within {@code timeout} (any events before that are skipped). */
    boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event;
            try {
                event = events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (event != null && event.end()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
