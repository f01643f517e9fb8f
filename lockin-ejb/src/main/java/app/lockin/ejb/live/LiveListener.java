package app.lockin.ejb.live;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's ear on the database (SPEC §11): one connection of its own ({@code
 * jdbc/lockin-admin}, outside the request pool) that {@code LISTEN}s on the channel every server
 * notifies, and hands each change to the subscribers (the web layer's stream registry).
 *
 * <p>When the connection breaks (a database restart, a network cut) it reconnects by itself,
 * waiting a little longer each time up to {@link #MAX_BACKOFF_MILLIS}; since notifications sent
 * while it was away are lost, it then reports {@link LiveChange#RESYNC} so that every stream gets
 * a fresh snapshot. A missed notification never leaves a stream stale for longer than that.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class LiveListener {

    private static final Logger LOG = Logger.getLogger(LiveListener.class.getName());
    private static final int POLL_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 2000;

    @Resource(lookup = "jdbc/lockin-admin")
    private DataSource dataSource;

    @Resource
    private ManagedThreadFactory threads;

    private final List<Consumer<LiveChange>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<LiveChange>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean connected;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = threads.newThread(this::listen);
        thread.setName("lockin-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** {@code subscriber} is called on the listener's thread for every change: it must not block. */
    public void subscribe(Consumer<LiveChange> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * For a cache of this server (the race views, the identities): {@code cache} gets every change
     * as {@link #subscribe}rs do, and also each change a transaction of this server commits, at its
     * commit ({@link #committedHere}), so that this server's next read never meets what it just
     * changed (its own notification comes back a little later). A cache must hold nothing while
     * {@link #isConnected} is false: what others change then is not heard.
     */
    public void subscribeCache(Consumer<LiveChange> cache) {
        caches.add(cache);
        subscribers.add(cache);
    }

    /**
     * Called by {@link LivePublisher} after a transaction of this server committed {@code change}
     * (public: a call through the bean's proxy reaches only public methods).
     */
    public void committedHere(LiveChange change) {
        deliver(caches, change);
    }

    /** Whether the LISTEN connection is up (for readiness and tests). */
    public boolean isConnected() {
        return connected;
    }

    private void listen() {
        long backoff = 100;
        boolean everConnected = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + LivePublisher.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                connected = true;
                if (everConnected) {
                    LOG.info("Live updates: listening again; every stream gets a fresh snapshot");
                    deliver(LiveChange.resync());
                }
                everConnected = true;
                backoff = 100;
                while (running) {
                    PGNotification[] received = pg.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(LiveChange.fromJson(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (connected || backoff == 100) {
                    LOG.log(Level.WARNING, "Live updates: the listening connection failed ({0}); reconnecting",
                            e.getMessage());
                }
            } finally {
                connected = false;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void deliver(LiveChange change) {
        deliver(subscribers, change);
    }

    private static void deliver(List<Consumer<LiveChange>> subscribers, LiveChange change) {
        for (Consumer<LiveChange> subscriber : subscribers) {
            try {
                subscriber.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Live updates: a subscriber failed on " + change.kind(), e);
            }
        }
    }
}
