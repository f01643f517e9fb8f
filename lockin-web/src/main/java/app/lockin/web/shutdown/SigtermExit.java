package app.lockin.web.shutdown;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SPEC §17: SIGTERM stops the server and the process then exits with status 0.
 *
 * <p>The JVM's own answer to SIGTERM runs the shutdown hooks — Liberty's, which stops taking new
 * requests, waits up to 30 s for those in flight and stops the applications, and {@code
 * LiveStreams}', which closes every event stream with {@code retry: 1000} at once — and then exits
 * with status 143 (128 + 15), which orchestrators and the SPEC count as a failure. This replaces
 * the JVM's handler of TERM with one that starts the same orderly exit through {@code
 * System.exit(0)}: the same hooks run, in the same way, and the status is 0.
 *
 * <p>Installed at each start of the application (a redeployment's handler replaces the last one).
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) is reached by reflection: where the
 * runtime does not let the application see it, the handler stays the JVM's and this is logged.
 */
@ApplicationScoped
public class SigtermExit {

    private static final Logger LOG = Logger.getLogger(SigtermExit.class.getName());
    private static final AtomicBoolean EXITING = new AtomicBoolean();

    void install(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    exit();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "SigtermExit";
                };
            };
            Object handler = Proxy.newProxyInstance(SigtermExit.class.getClassLoader(), new Class<?>[] {handlerType}, onSignal);
            signal.getMethod("handle", signal, handlerType).invoke(null, signal.getConstructor(String.class).newInstance("TERM"), handler);
            LOG.fine("SIGTERM stops the server and exits with status 0");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
            LOG.log(Level.INFO, "SIGTERM keeps the JVM's handling (exit status 143): " + unavailable, unavailable);
        }
    }

    /** On a thread of its own: System.exit waits for the shutdown hooks, and the signal's thread must not. */
    private static void exit() {
        if (EXITING.compareAndSet(false, true)) {
            Thread exit = new Thread(() -> System.exit(0), "lockin-sigterm");
            exit.setDaemon(false);
            exit.start();
        }
    }
}
