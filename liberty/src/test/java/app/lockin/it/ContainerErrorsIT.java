package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §16, the answers the runtime gives before any resource runs, sent over a raw socket
 * because no HTTP client sends them: odd methods, broken and huge {@code Content-Length}s,
 * unparsable {@code Accept}s. Each is problem+json with a {@code code}, says nosniff, and names
 * no server product.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerErrorsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void traceAndUnknownMethodsAre405WithAllowBeforeAuthentication() {
        for (String head : new String[] {"TRACE /api/me HTTP/1.1", "BREW /api/me HTTP/1.1", "PUT /api/me HTTP/1.1",
                "TRACE /api/me HTTP/1.1\r\nAccept: garbage", "BREW /api/me HTTP/1.1\r\nAccept: garbage",
                "TRACE /api/me HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"}) {
            RawHttp.Answer answer = RawHttp.send(head, null);
            assertProblem(answer, 405, "method_not_allowed", head);
            assertTrue(answer.header("Allow").contains("GET") && answer.header("Allow").contains("PATCH")
                    && !answer.header("Allow").contains("TRACE"), head + ": " + answer.header("Allow"));
            assertEquals("no-store", answer.header("Cache-Control"), head);
        }
        RawHttp.Answer group = RawHttp.send("TRACE /api/groups/" + java.util.UUID.randomUUID() + ":clone HTTP/1.1", null);
        assertProblem(group, 405, "method_not_allowed", "TRACE on an action");
        assertTrue(group.header("Allow").contains("POST"), group.header("Allow"));
    }

    @Test
    void aPathThatDoesNotExistStays404WhateverTheMethod() {
        for (String head : new String[] {"BREW /nope HTTP/1.1", "TRACE /api/nope HTTP/1.1", "GET /api HTTP/1.1", "GET / HTTP/1.1",
                "GET /error-page HTTP/1.1", "POST /error-page HTTP/1.1\r\nContent-Length: 0"}) {
            assertProblem(RawHttp.send(head, null), 404, "not_found", head);
        }
    }

    @Test
    void theHealthAndOpenApiPathsAnswerProblemsTooAndTakeOnlyReads() {
        for (String head : new String[] {"PUT /health/live HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "POST /health/ready HTTP/1.1\r\nContent-Length: 0", "DELETE /health HTTP/1.1", "TRACE /health/live HTTP/1.1",
                "BREW /health/started HTTP/1.1"}) {
            RawHttp.Answer answer = RawHttp.send(head, null);
            assertProblem(answer, 405, "method_not_allowed", head);
            assertEquals("GET, HEAD, OPTIONS", answer.header("Allow"), head);
        }
        for (String head : new String[] {"GET /health/nope HTTP/1.1", "GET /health/live/ HTTP/1.1", "GET /health/live/x HTTP/1.1",
                "BREW /health/nope HTTP/1.1", "PUT /health/nope HTTP/1.1\r\nContent-Length: 0", "GET /healthz HTTP/1.1"}) {
            assertProblem(RawHttp.send(head, null), 404, "not_found", head);
        }
        for (String head : new String[] {"PUT /openapi HTTP/1.1\r\nContent-Length: 0", "TRACE /openapi/ui/ HTTP/1.1",
                "BREW /openapi HTTP/1.1", "DELETE /openapi/ui HTTP/1.1",
                "PUT /metrics HTTP/1.1\r\nContent-Length: 0", "TRACE /metrics HTTP/1.1"}) {
            RawHttp.Answer answer = RawHttp.send(head, null);
            assertProblem(answer, 405, "method_not_allowed", head);
            assertEquals("GET, HEAD, OPTIONS", answer.header("Allow"), head);
        }
        for (String head : new String[] {"GET /openapi/nope HTTP/1.1", "GET /openapi/ui/nope.js HTTP/1.1",
                "BREW /openapi/nope HTTP/1.1", "GET /openapi.json HTTP/1.1",
                "GET /metrics/nope HTTP/1.1", "GET /metrics/ HTTP/1.1"}) {
            assertProblem(RawHttp.send(head, null), 404, "not_found", head);
        }
        for (String path : new String[] {"/health/live", "/openapi", "/metrics"}) { // public whatever the request carries
            for (String authorization : new String[] {"Bearer abc", "Bearer a.b.c", "Basic YTpi"}) {
                RawHttp.Answer read = RawHttp.send("GET " + path + " HTTP/1.1\r\nAuthorization: " + authorization, null);
                assertEquals(200, read.status(), path + " with " + authorization);
                assertEquals(null, read.header("WWW-Authenticate"), path + " with " + authorization);
            }
        }
        RawHttp.Answer options = RawHttp.send("OPTIONS /health/ready HTTP/1.1", null);
        assertEquals(204, options.status(), options::body);
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
        RawHttp.Answer all = RawHttp.send("GET /health HTTP/1.1", null);
        assertEquals(200, all.status(), all::body);
        for (String check : new String[] {"\"process\"", "\"database\"", "\"schema\""}) {
            assertTrue(all.body().contains(check), "/health has every check: " + all.body());
        }
    }

    @Test
    void aContentLengthTooLargeToParseIs413AndClosesTheConnection() {
        for (String length : new String[] {"10000000000", "99999999999999999999999", "2147483648", "65537"}) {
            RawHttp.Answer answer = RawHttp.send("POST /api/groups HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + length, null);
            assertProblem(answer, 413, "payload_too_large", length);
            // Liberty sends the close but keeps the socket until its own read timeout (issue 12's note)
            assertEquals("close", answer.header("Connection"), length + ": " + answer.headers());
        }
    }

    @Test
    void aMalformedContentLengthIsAProblemToo() {
        for (String length : new String[] {"abc", "-5", "1e3", "0x10"}) {
            RawHttp.Answer answer = RawHttp.send("POST /api/groups HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + length, null);
            assertTrue(answer.status() >= 400 && answer.status() < 500, length + ": " + answer.status());
            assertProblem(answer, answer.status(), null, length);
        }
    }

    @Test
    void anUnparsableAcceptIsAProblemToo() {
        assertProblem(RawHttp.send("GET /api/me HTTP/1.1\r\nAccept: garbage", null), 400, "validation_failed", "Accept: garbage");
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code, String what) {
        assertEquals(status, answer.status(), what + ": " + answer.body());
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json"), what + ": " + answer.headers());
        assertTrue(answer.body().contains("\"code\":\"" + (code == null ? "" : code)), what + ": " + answer.body());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), what);
        assertFalse(answer.headers().containsKey("server") || answer.headers().containsKey("x-powered-by"), what + ": " + answer.headers());
    }
}
