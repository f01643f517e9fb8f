package app.lockin.web.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * SPEC §16: {@code TRACE} and methods HTTP does not define here ({@code BREW}) answer 405
 * {@code method_not_allowed} with {@code Allow} on every existing path, before authentication,
 * and a path that does not exist stays 404.
 *
 * <p>JAX-RS already answers that way for the methods it knows, but Liberty refuses to run the
 * error page for a {@code TRACE} request (its security collaborator forbids dispatching one), so
 * a TRACE that met any other refusal came back as an empty HTML page. This filter answers such
 * methods itself. Which methods a path takes is the resource model's to say: it is asked the way a
 * client would ask, with an {@code OPTIONS} request, and its {@code Allow} is passed on.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class MethodFilter extends HttpFilter {

    private static final Set<String> HANDLED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (HANDLED.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        AllowCapture options = new AllowCapture(response);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "OPTIONS";
            }

            // the question is about the path alone: an unreadable Accept must not change the answer
            @Override
            public String getHeader(String name) {
                return "Accept".equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Accept".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(header -> !"Accept".equalsIgnoreCase(header)).toList());
            }
        }, options);
        boolean exists = options.status < 300 && options.allow != null;
        if (exists) {
            response.setHeader("Allow", options.allow);
        }
        int status = exists ? 405 : 404;
        ContainerErrorServlet.sendProblem(request, response, status, Problem.defaultDetail(status));
    }

    /** Keeps the status and {@code Allow} of the OPTIONS answer; its body goes nowhere. */
    private static final class AllowCapture extends HttpServletResponseWrapper {
        int status = 200;
        String allow;

        AllowCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void setHeader(String name, String value) {
            keep(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            keep(name, value);
        }

        private void keep(String name, String value) {
            if ("Allow".equalsIgnoreCase(name)) {
                allow = allow == null ? value : allow + ", " + value;
            }
        }

        @Override
        public void setContentType(String type) {
            // the OPTIONS answer's body is discarded
        }

        @Override
        public void setContentLength(int len) {
            // idem
        }

        @Override
        public void setContentLengthLong(long len) {
            // idem
        }

        @Override
        public void setIntHeader(String name, int value) {
            // no integer header of the OPTIONS answer matters
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // writes complete at once
                }

                @Override
                public void write(int b) {
                    // discarded
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(Writer.nullWriter());
        }

        @Override
        public void flushBuffer() {
            // nothing reaches the client
        }

        @Override
        public boolean isCommitted() {
            return false;
        }
    }
}
