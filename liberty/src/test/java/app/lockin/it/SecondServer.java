package app.lockin.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A second Liberty server beside the Arquillian one, on the same PostgreSQL (SPEC §11: servers
 * share nothing but the database): a copy of the test server's configuration with its own HTTP
 * port, running the same EAR, started and stopped with Liberty's own {@code server} command.
 */
final class SecondServer implements AutoCloseable {

    private final Path wlp;
    private final String name;
    private final int port;

    private SecondServer(Path wlp, String name, int port) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
    }

    /** Starts it and returns once its readiness probe is UP (its migration check and database round trip done). */
    static SecondServer start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with server variables of its own, e.g. another database ({@code LOCKIN_DB_URL}). */
    static SecondServer start(Map<String, String> variables) {
        Path wlp = Path.of(System.getProperty("wlp.home"));
        String first = System.getProperty("lockin.test.server");
        String name = first + "-second";
        SecondServer server = new SecondServer(wlp, name, TestEnvironment.freePort());
        server.command("stop"); // one a killed run may have left behind
        try {
            server.prepare(wlp.resolve("usr/servers").resolve(first), variables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.command("start");
        server.awaitReady();
        return server;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        command("stop");
    }

    /** Stops it as an orchestrator does, with SIGTERM to its JVM, and waits until it has exited. */
    void terminate() {
        signal(false);
    }

    /** kill -9 of its JVM: no shutdown of any kind. */
    void kill() {
        signal(true);
    }

    private void signal(boolean kill) {
        try {
            long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid").resolve(name + ".pid")).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
            if (kill) {
                process.destroyForcibly(); // SIGKILL
            } else {
                process.destroy(); // SIGTERM
            }
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the second server did not exit after " + (kill ? "SIGKILL" : "SIGTERM"), e);
        }
    }

    private void prepare(Path firstDir, Map<String, String> variables) throws IOException {
        Path dir = wlp.resolve("usr/servers").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (String part : List.of("server.xml", "server.env", "jvm.options", "jdbc", "resources", "configDropins")) {
            copy(firstDir.resolve(part), dir.resolve(part));
        }
        StringBuilder own = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
        Map<String, String> all = new java.util.TreeMap<>(variables);
        all.put("LOCKIN_HTTP_PORT", Integer.toString(port));
        all.forEach((key, value) -> own.append("    <variable name=\"").append(key).append("\" value=\"")
                .append(value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")).append("\"/>\n"));
        Files.writeString(dir.resolve("configDropins/overrides/zz-second-server.xml"), own.append("</server>\n"));
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("lockin.test.ear")), dir.resolve("dropins/lockin-ear.ear"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void command(String action) {
        try {
            Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = Api.CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the second server did not become ready on port " + port);
    }
}
