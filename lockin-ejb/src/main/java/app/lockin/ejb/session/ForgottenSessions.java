package app.lockin.ejb.session;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.inbox.NotificationTexts;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.session.FocusSession;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Forgotten sessions (SPEC §15): a session running without a pause for longer than
 * {@value #MAX_RUN} is stopped as of the moment the limit was reached, and its host gets one
 * {@code session_reminder}. The rule itself is the database's {@code stop_forgotten_sessions()}
 * (V10_1: which sessions, the stop at the limit, the logs, the reminder exactly once through a
 * unique index); this bean is its only caller, and is called
 * <ul>
 *     <li>lazily, at the start of every transaction that reads or writes sessions or focus time
 *     ({@link SessionAccess}, the race view, the live views, export, deletion) — so no answer ever
 *     shows a run longer than the limit, whether or not the timer has passed;</li>
 *     <li>by the timer ({@code ForgottenSessionsTimer}), so the reminder arrives within a minute
 *     even when nobody reads.</li>
 * </ul>
 * The sweep is global (every due session, not only the one being read): it is one scan of the
 * partial index {@code sessions_running_since_idx} that normally finds nothing, and it keeps the
 * rule independent of which read happens to come first. Once per transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ForgottenSessions {

    public static final String MAX_RUN = "LOCKIN_SESSION_MAX_RUN";
    public static final Duration DEFAULT_MAX_RUN = Duration.ofHours(12);

    private static final Logger LOG = Logger.getLogger(ForgottenSessions.class.getName());
    private static final Object SWEPT = new Object();

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private LivePublisher live;

    @EJB
    private Milestones milestones;

    /** A session the sweep stopped: a row of {@code stop_forgotten_sessions()}. */
    record Stopped(UUID sessionId, UUID groupId, UUID hostId, UUID reminderId, Instant stoppedAt) {
    }

    /**
     * Stops every session due at the clock's "now", once per transaction; call it before loading
     * sessions or logs (it changes them in SQL, behind the persistence context's back).
     */
    public void stopDue() {
        if (transactions.getResource(SWEPT) != null) {
            return;
        }
        transactions.putResource(SWEPT, Boolean.TRUE);
        sweep();
    }

    /** The timer's tick, in a transaction of its own; how many sessions it stopped. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int stopDueOnTick() {
        transactions.putResource(SWEPT, Boolean.TRUE);
        int stopped = sweep();
        if (stopped > 0) {
            LOG.info(() -> "Forgotten sessions: the timer stopped " + stopped + " session(s) at their limit");
        }
        return stopped;
    }

    private int sweep() {
        Duration maxRun = maxRun();
        Instant now = clock.now();
        NotificationTexts.Text text = NotificationTexts.sessionReminder(maxRun);
        @SuppressWarnings("unchecked")
        List<Stopped> stopped = em.createNativeQuery("""
                        select stopped_session, stopped_group, host, reminder, stopped_at
                          from stop_forgotten_sessions(cast(?1 as interval), ?2, cast(?3 as text), cast(?4 as text))""",
                        Stopped.class)
                .setParameter(1, maxRun.toString())
                .setParameter(2, now)
                .setParameter(3, text.title())
                .setParameter(4, text.body())
                .getResultList();
        for (Stopped s : stopped) {
            LOG.fine(() -> "Session " + s.sessionId() + " ran " + maxRun + " without a pause: stopped at " + s.stoppedAt());
            FocusSession cached = em.find(FocusSession.class, s.sessionId());
            if (cached != null) {
                em.refresh(cached); // changed in SQL: what this transaction shows next is the stopped session
            }
            if (s.reminderId() != null) {
                live.notified(s.hostId(), s.reminderId());
            }
            milestones.afterTimeChanged(s.groupId());
            live.sessionChanged(s.groupId(), s.sessionId());
            live.progressChanged(s.groupId());
        }
        return stopped.size();
    }

    /**
     * {@value #MAX_RUN}, an ISO-8601 duration (default PT12H), read at each use so an operator's
     * change applies without a restart. A value that is not a positive duration fails loudly.
     */
    public static Duration maxRun() {
        String value = ConfigProvider.getConfig().getOptionalValue(MAX_RUN, String.class).orElse("").strip();
        if (value.isEmpty()) {
            return DEFAULT_MAX_RUN;
        }
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException(MAX_RUN + " must be a positive ISO-8601 duration such as PT12H, not " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(MAX_RUN + " must be an ISO-8601 duration such as PT12H, not " + value, e);
        }
    }
}
