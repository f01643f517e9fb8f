package app.lockin.web.json;

import app.lockin.web.error.ContainerErrorServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The declared {@code Content-Length}, read as text before anything else reads the request (the
 * runtime's own parsers fail on a length beyond an int, and drop one that is not a number):
 * over 64 KiB → 413 (SPEC §1), not a number → 400 (SPEC §16). Either way where the body ends is
 * unknown or not worth reading, so the answer closes the connection.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class ContentLengthFilter extends HttpFilter {

    /** Decimal digits (RFC 9110 §8.6); more than six of them is over 64 KiB anyway. */
    private static final Pattern LENGTH = Pattern.compile("[0-9]+");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            chain.doFilter(request, response);
            return;
        }
        String length = declared.strip();
        if (!LENGTH.matcher(length).matches()) {
            refuse(request, response, 400, "Content-Length must be a number of bytes");
        } else if (length.length() > 6 || Integer.parseInt(length) > BodySizeLimitFilter.MAX_BODY_BYTES) {
            refuse(request, response, 413, new PayloadTooLargeException().getMessage());
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setHeader("Connection", "close");
        ContainerErrorServlet.sendProblem(request, response, status, detail);
    }
}
