package app.lockin.web.logging;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SPEC §17: the request id. A client's {@code X-Request-Id} is kept when it is one header of 1–128
 * visible ASCII characters (0x21–0x7E: nothing that could break a log line or a header); anything
 * else, or none, gets a random UUID. The id is on every answer of the application — errors, the
 * container's 401/404 through the error page (this filter also runs on the ERROR dispatch), event
 * streams — and in every log line the application writes on the request's thread.
 *
 * <p>java.util.logging has no MDC. Liberty's {@code LogRecordContext} (an IBM API of the runtime)
 * adds a field to every log record written on the thread while it is set: with {@code
 * LOCKIN_LOG_FORMAT=json} each such line carries {@code "ext_requestId"}. It is called through a
 * method handle so that the application compiles against the Jakarta and MicroProfile APIs only
 * and runs on any server (without the class, the id is only echoed).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    /** The request attribute holding the id. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();
    /** The log field: Liberty's JSON logging writes it as {@code ext_requestId}. */
    static final String LOG_FIELD = "requestId";
    static final int MAX_LENGTH = 128;

    private static final Logger LOG = Logger.getLogger(RequestIdFilter.class.getName());
    private static final MethodHandle ADD;
    private static final MethodHandle REMOVE;

    static {
        MethodHandle add = null;
        MethodHandle remove = null;
        try {
            Class<?> context = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
            add = MethodHandles.publicLookup().findStatic(context, "addExtension",
                    MethodType.methodType(void.class, String.class, String.class));
            remove = MethodHandles.publicLookup().findStatic(context, "removeExtension",
                    MethodType.methodType(boolean.class, String.class));
        } catch (ReflectiveOperationException | LinkageError notLiberty) {
            LOG.log(Level.FINE, "No LogRecordContext: log lines will not carry the request id", notLiberty);
        }
        ADD = add;
        REMOVE = remove;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // an error dispatch of a request this filter already saw keeps its id and its log context
        boolean seen = request.getAttribute(ATTRIBUTE) instanceof String;
        String id = seen ? (String) request.getAttribute(ATTRIBUTE) : idOf(request);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        if (seen) {
            chain.doFilter(request, response);
            return;
        }
        setLogContext(id);
        try {
            chain.doFilter(request, response);
        } finally {
            clearLogContext();
        }
    }

    /** The client's id if it is acceptable, else a new one. */
    static String idOf(HttpServletRequest request) {
        var values = request.getHeaders(HEADER);
        String first = values != null && values.hasMoreElements() ? values.nextElement() : null;
        boolean single = values == null || !values.hasMoreElements();
        return single && isValid(first) ? first : UUID.randomUUID().toString();
    }

    static boolean isValid(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static void setLogContext(String id) {
        if (ADD != null) {
            try {
                ADD.invokeExact(LOG_FIELD, id);
            } catch (Throwable e) {
                LOG.log(Level.FINE, "Could not put the request id in the log context", e);
            }
        }
    }

    private static void clearLogContext() {
        if (REMOVE != null) {
            try {
                boolean ignored = (boolean) REMOVE.invokeExact(LOG_FIELD);
            } catch (Throwable e) {
                LOG.log(Level.FINE, "Could not take the request id out of the log context", e);
            }
        }
    }
}
