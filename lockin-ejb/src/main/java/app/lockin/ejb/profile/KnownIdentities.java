package app.lockin.ejb.profile;

import app.lockin.ejb.live.LiveChange;
import app.lockin.ejb.live.LiveListener;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which profile a token's {@code (iss, sub)} is (SPEC §2), kept in this server's memory so that a
 * request of a known person needs no transaction of its own before its business one. The mapping
 * only changes when an account is deleted (SPEC §14): the deletion's notification ({@code
 * account_deleted}, sent in its transaction) drops the person's entries on every server — on this
 * one at the commit itself — and a listener reconnect drops everything (notifications may have been
 * lost). While the listener is down nothing is kept and every request asks the database.
 *
 * <p>A lookup that overlaps a deletion must not store what it read before it: lookups and
 * invalidations share a counter, and a lookup stores only if no invalidation came since it began.
 */
@ApplicationScoped
public class KnownIdentities {

    /** Identities kept per server; beyond it some are dropped (they are looked up again). */
    static final int MAX_IDENTITIES = 100_000;

    @EJB
    private LiveListener listener;

    @EJB
    private ProfileService profiles;

    private record Key(String provider, String subject) {
    }

    private final Map<Key, UUID> profileIds = new ConcurrentHashMap<>();
    private long invalidations; // guarded by this

    @PostConstruct
    void listen() {
        listener.subscribeCache(this::changed);
    }

    synchronized void changed(LiveChange change) {
        if (change.kind().equals(LiveChange.RESYNC)) {
            invalidations++;
            profileIds.clear();
        } else if (change.kind().equals(LiveChange.ACCOUNT_DELETED)) {
            invalidations++;
            profileIds.values().removeIf(change.userId()::equals);
        }
    }

    /**
     * The profile id of the identity, provisioning it on its first call ({@link ProfileService#provision});
     * {@code caller} is only built on a miss.
     */
    public UUID profileId(String provider, String subject, Supplier<CallerIdentity> caller) {
        Key key = new Key(provider, subject);
        UUID known = listener.isConnected() ? profileIds.get(key) : null;
        if (known != null) {
            return known;
        }
        long seen;
        synchronized (this) {
            seen = invalidations;
        }
        UUID id = profiles.provision(caller.get());
        synchronized (this) {
            if (invalidations == seen && listener.isConnected()) {
                profileIds.put(key, id);
                trim();
            }
        }
        return id;
    }

    private void trim() {
        Iterator<Key> keys = profileIds.keySet().iterator();
        while (profileIds.size() > MAX_IDENTITIES && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
