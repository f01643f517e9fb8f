package app.lockin.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reply validator behind every integration test catches what it must, and only that. */
class ContractCheckTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private static final String GROUP = """
            {"id":"%1$s","owner_id":"%1$s","name":"Focus club","description":null,
             "start_at":"2026-03-01T07:00:00Z","end_at":"2026-04-01T07:00:00Z","timezone":"Europe/Paris",
             "period":"daily","period_target_minutes":60,"status":"active","created_at":"2026-03-01T07:00:00.123456Z",
             "updated_at":"2026-03-01T07:00:00Z","my_role":"owner","member_count":1}""".formatted(ID);

    @Test
    void aReplyTheDocumentDescribesPasses() {
        assertPasses("GET", "/api/groups/" + ID, 200, JSON, GROUP, "ETag", "\"tag\"");
        assertPasses("POST", "/api/groups/" + ID + ":clone", 201, JSON, GROUP, "Location", "/api/groups/" + ID,
                "ETag", "\"tag\"");
        assertPasses("GET", "/api/groups", 200, JSON, "[" + GROUP + "]");
        assertPasses("GET", "/api/notifications", 200, JSON, "{\"items\":[],\"next_cursor\":null}");
        assertPasses("GET", "/api/notifications", 200, JSON,
                "{\"items\":[],\"next_cursor\":{\"created_at\":\"2026-03-01T07:00:00.000001Z\",\"id\":\"" + ID + "\"}}");
        assertPasses("DELETE", "/api/groups/" + ID + "/members/" + ID, 204, null, "");
        assertPasses("GET", "/health/ready", 200, "application/json; charset=UTF-8",
                "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\",\"data\":{\"migrations\":\"applied\"}}]}");
        assertPasses("GET", "/api/me", 401, PROBLEM, problem(401, "unauthorized"),
                "WWW-Authenticate", "Bearer realm=\"lockin\"");
    }

    @Test
    void whatTheDocumentDoesNotDescribeIsNotChecked() {
        assertPasses("GET", "/api/nope", 404, PROBLEM, "{}");
        assertPasses("PUT", "/api/me", 405, PROBLEM, "{}");
        assertPasses("GET", "/openapi", 200, "application/yaml", "openapi: 3.0.3");
    }

    @Test
    void anUndocumentedStatusOrContentTypeFails() {
        assertBreach("GET", "/api/groups/" + ID, 500, PROBLEM, problem(500, "internal_error"));
        assertBreach("GET", "/api/groups/" + ID, 200, "text/plain", "hello");
        assertBreach("GET", "/api/groups/" + ID, 404, JSON, problem(404, "not_found"));
        assertBreach("GET", "/api/groups/" + ID, 200, null, GROUP);
    }

    @Test
    void aBodyOutsideItsSchemaFails() {
        assertBreach("GET", "/api/groups/" + ID, 200, JSON, GROUP.replace("\"member_count\":1", "\"member_count\":1,\"extra\":2"));
        assertBreach("GET", "/api/groups/" + ID, 200, JSON, GROUP.replace(",\"member_count\":1", ""));
        assertBreach("GET", "/api/groups/" + ID, 200, JSON, GROUP.replace("\"name\":\"Focus club\"", "\"name\":null"));
        assertBreach("GET", "/api/groups/" + ID, 200, JSON, GROUP.replace("\"daily\"", "\"monthly\""));
        assertBreach("GET", "/api/groups/" + ID, 200, JSON, GROUP.replace("\"2026-03-01T07:00:00Z\"", "\"yesterday\""));
        assertBreach("GET", "/api/groups/" + ID, 404, PROBLEM, problem(404, "no_such_code"));
        assertBreach("DELETE", "/api/groups/" + ID + "/members/" + ID, 204, JSON, "{}");
    }

    @Test
    void aMissingRequiredHeaderFails() {
        assertBreach("POST", "/api/groups/" + ID + ":clone", 201, JSON, GROUP);
        assertBreach("POST", "/api/groups/" + ID + ":clone", 201, JSON, GROUP, "Location", "http://elsewhere/api/groups/" + ID);
        assertBreach("GET", "/api/me", 401, PROBLEM, problem(401, "unauthorized"));
    }

    private static String problem(int status, String code) {
        return "{\"type\":\"urn:lockin:problem:%s\",\"title\":\"T\",\"status\":%d,\"detail\":\"D\",\"code\":\"%s\"}"
                .formatted(code, status, code);
    }

    private static Optional<String> check(String method, String path, int status, String contentType, String body,
                                          String... header) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        for (int i = 0; i + 1 < header.length; i += 2) {
            headers.put(header[i], List.of(header[i + 1]));
        }
        return ContractCheck.breach(method, path, status, headers, body);
    }

    private static void assertPasses(String method, String path, int status, String contentType, String body,
                                     String... header) {
        assertEquals(Optional.empty(), check(method, path, status, contentType, body, header));
    }

    private static void assertBreach(String method, String path, int status, String contentType, String body,
                                     String... header) {
        assertTrue(check(method, path, status, contentType, body, header).isPresent(),
                () -> method + " " + path + " " + status + " " + body + " should break the document");
    }
}
