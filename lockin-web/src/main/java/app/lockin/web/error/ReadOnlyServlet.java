package app.lockin.web.error;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A servlet of paths that are only read ({@code /health/…}, {@code /openapi/…}), answering as SPEC
 * §16 asks of every path of the server: an unknown path is a 404 problem whatever the method, and
 * any method but {@code GET}, {@code HEAD} and {@code OPTIONS} on a known one is a 405 problem with
 * {@code Allow}. (Plain {@code HttpServlet} would advertise {@code TRACE} and answer other methods
 * with a bare 405.)
 */
public abstract class ReadOnlyServlet extends HttpServlet {

    public static final String ALLOW = "GET, HEAD, OPTIONS";

    /** Whether the request's path is one this servlet serves. */
    protected abstract boolean exists(HttpServletRequest request);

    /** Answers a {@code GET} (or {@code HEAD}) of a path that {@link #exists}. */
    protected abstract void read(HttpServletRequest request, HttpServletResponse response) throws IOException;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!exists(request)) {
            ContainerErrorServlet.sendProblem(request, response, 404, Problem.defaultDetail(404));
            return;
        }
        switch (request.getMethod()) {
            case "GET", "HEAD" -> {
                // Liberty's web security has already marked a request whose Authorization header is
                // no valid Cognito token 401 with its challenge, and let it through because the path
                // is public: a public read answers 200 whatever the request carries (and the metrics
                // token is not a Cognito token)
                response.setStatus(200);
                response.setHeader("WWW-Authenticate", null);
                super.service(request, response); // HEAD: the GET answer without its body
            }
            case "OPTIONS" -> {
                response.setHeader("Allow", ALLOW);
                response.setStatus(204);
            }
            default -> {
                response.setHeader("Allow", ALLOW);
                ContainerErrorServlet.sendProblem(request, response, 405, Problem.defaultDetail(405));
            }
        }
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        read(request, response);
    }

    /**
     * Never called ({@link #service} answers TRACE with 405), but declared: Liberty refuses TRACE
     * with a bare 403, before any filter, for a servlet that keeps HttpServlet's own doTrace.
     */
    @Override
    protected final void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", ALLOW);
        ContainerErrorServlet.sendProblem(request, response, 405, Problem.defaultDetail(405));
    }
}
