package app.lockin.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * The error page for answers the servlet container gives before JAX-RS runs: a token refused by
 * mpJwt (401), a path outside {@code /api} (404). Registered in web.xml for those statuses, so
 * every error the server sends is problem+json.
 */
@WebServlet("/error-page")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) { // asked for by its path, not dispatched by the container for an error
            sendProblem(request, response, 404, Problem.defaultDetail(404));
            return;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        sendProblem(request, String.valueOf(uri), response, code instanceof Integer i ? i : 500);
    }

    /** Answers {@code status} as a problem with the code SPEC §1 gives it, for the request's own URI. */
    public static void sendProblem(HttpServletRequest request, HttpServletResponse response, int status,
                                   String detail) throws IOException {
        sendProblem(request, request.getRequestURI(), response, status, detail);
    }

    private static void sendProblem(HttpServletRequest request, String uri, HttpServletResponse response, int status)
            throws IOException {
        sendProblem(request, uri, response, status, Problem.defaultDetail(status));
    }

    private static void sendProblem(HttpServletRequest request, String uri, HttpServletResponse response, int status,
                                    String detail) throws IOException {
        response.setStatus(status);
        if (uri.startsWith(request.getContextPath() + "/api")) {
            response.setHeader("Cache-Control", "no-store"); // as NoStoreFilter does for what JAX-RS answers
        }
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lockin\", error=\"invalid_token\"");
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problem.body(status, Problem.codeFor(status), detail, List.of()).toString());
    }
}
