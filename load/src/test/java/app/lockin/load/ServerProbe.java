package app.lockin.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Liberty JVM's memory, from {@code /proc/<pid>/status} ({@code VmRSS}, {@code Threads}): the
 * process whose command line runs {@code ws-server.jar} with the server's name (the run
 * command's {@code lockin}), or the pid given as {@code lockin.load.serverPid}. Only for a server on
 * this machine; otherwise the figures are reported as unknown.
 */
final class ServerProbe {

    private final long pid;
    private final AtomicLong peakKb = new AtomicLong();
    private volatile Thread sampler;

    private ServerProbe(long pid) {
        this.pid = pid;
    }

    static Optional<ServerProbe> find(LoadSettings settings) {
        if (settings.serverPid() > 0) {
            return Optional.of(new ServerProbe(settings.serverPid()));
        }
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    List<String> args = List.of(new String(Files.readAllBytes(dir.resolve("cmdline")),
                            StandardCharsets.UTF_8).split("\0"));
                    if (args.stream().anyMatch(a -> a.endsWith("ws-server.jar")) && args.contains(settings.serverName())) {
                        return Optional.of(new ServerProbe(Long.parseLong(dir.getFileName().toString())));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a process that ended meanwhile, or one we may not read
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    long pid() {
        return pid;
    }

    /** VmRSS in kB, or -1. */
    long rssKb() {
        return field("VmRSS:");
    }

    long threads() {
        return field("Threads:");
    }

    String describe() {
        long rss = rssKb();
        return rss < 0 ? "unknown (pid " + pid + " gone)"
                : String.format("%,d MB (VmRSS %,d kB), %d threads", rss / 1024, rss, threads());
    }

    /** Samples VmRSS every 500 ms until {@link #stopSampling()}; the peak is {@link #peakKb()}. */
    void startSampling() {
        peakKb.set(rssKb());
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        sampler = t;
    }

    long stopSampling() {
        Thread t = sampler;
        if (t != null) {
            t.interrupt();
        }
        return peakKb.accumulateAndGet(rssKb(), Math::max);
    }

    private long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the process ended
        }
        return -1;
    }
}
