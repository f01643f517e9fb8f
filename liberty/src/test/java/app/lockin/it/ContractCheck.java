package app.lockin.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contract test behind every integration test (issue 8): each reply {@link Api} receives for
 * an operation that {@code openapi.yaml} documents must be one the document allows: a documented
 * status, a documented content type (and one at all when there is a body), and a body that
 * matches the schema, with no field the schema does not name. A reply that breaks it fails the
 * test that made the call, with the validator's report.
 *
 * <p>Only replies are checked: the tests send malformed requests on purpose. Calls to paths or
 * methods the document does not describe (a probe of {@code /api/nope}, a {@code PUT} answered
 * 405, {@code /openapi} itself) are not checked. The validator parses the document and compiles
 * its schemas once per JVM; a check then costs well under a millisecond.
 */
final class ContractCheck {

    private static final AtomicLong CHECKED = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static final AtomicLong NANOS = new AtomicLong();
    private static final Set<String> CALLED = ConcurrentHashMap.newKeySet();

    private ContractCheck() {
    }

    /** The document the EAR serves: the build passes the source file's path (liberty/pom.xml). */
    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = build();

        private static OpenApiInteractionValidator build() {
            String document = System.getProperty("lockin.test.openapi");
            if (document == null) {
                throw new IllegalStateException("lockin.test.openapi (the path of openapi.yaml) is not set");
            }
            return OpenApiInteractionValidator
                    .createForSpecificationUrl(Path.of(document).toUri().toString())
                    // allOf (AcceptedInvite.membership) merged into one schema, so that the
                    // additional-properties check below sees every property of the combination
                    .withResolveCombinators(true)
                    .withLevelResolver(LevelResolver.create()
                            .withDefaultLevel(ValidationReport.Level.ERROR)
                            // requests are not validated; an undocumented path or method is skipped
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            // a reply field the document does not name is drift too
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                            .build())
                    .withCustomResponseValidation(ContractCheck::contentTypeOfABody)
                    .withCustomResponseValidation((response, operation) -> {
                        CALLED.add(operation.getMethod() + " " + operation.getApiPath().original());
                        return ValidationReport.empty();
                    })
                    .build();
        }
    }

    /**
     * Fails with the validator's report when the reply breaks the document. With
     * {@code -Dlockin.test.contract=report} the breaches are only listed (standard error and
     * {@code target/contract-breaches.txt}), to see every one of them in one run.
     */
    static void verify(HttpResponse<String> reply) {
        long start = System.nanoTime();
        Optional<String> breach = breach(reply.request().method(), reply.uri().getRawPath(), reply.statusCode(),
                reply.headers().map(), reply.body());
        NANOS.addAndGet(System.nanoTime() - start);
        if (breach.isEmpty()) {
            return;
        }
        if (!"report".equals(System.getProperty("lockin.test.contract"))) {
            throw new AssertionError(breach.get());
        }
        System.err.println(breach.get());
        record(breach.get());
    }

    /**
     * How many replies were checked and what it cost, and the documented operations no test
     * called (TestEnvironment prints it when the tests end).
     */
    static void printSummary() {
        if (CHECKED.get() + SKIPPED.get() == 0) {
            return;
        }
        Set<String> uncalled = new TreeSet<>();
        new OpenAPIV3Parser().read(Path.of(System.getProperty("lockin.test.openapi")).toUri().toString()).getPaths()
                .forEach((path, item) -> item.readOperationsMap().keySet().forEach(verb -> uncalled.add(verb + " " + path)));
        uncalled.removeAll(CALLED);
        System.out.printf("ContractCheck: %d replies validated against openapi.yaml, %d to undocumented paths or methods"
                        + " skipped, %d ms in all; documented operations no test called: %s%n",
                CHECKED.get(), SKIPPED.get(), NANOS.get() / 1_000_000, uncalled.isEmpty() ? "none" : uncalled);
    }

    /** What is wrong with this reply to {@code method path}, if anything. */
    static Optional<String> breach(String method, String path, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = Holder.VALIDATOR.validateResponse(path, Request.Method.valueOf(method), response.build());
        boolean undocumented = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        (undocumented ? SKIPPED : CHECKED).incrementAndGet();
        if (!report.hasErrors()) {
            return Optional.empty();
        }
        String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(h -> h.getValue().stream()).findFirst().orElse("(no Content-Type)");
        return Optional.of("The reply to " + method + " " + path + " breaks openapi.yaml: " + status + " " + contentType
                + " " + body + "\n" + SimpleValidationReportFormat.getInstance().apply(report));
    }

    private static synchronized void record(String breach) {
        try {
            Files.writeString(Path.of("target", "contract-breaches.txt"), breach + "\n\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The library checks the Content-Type only when there is one, and skips the body then; a body
     * the document describes must come with its declared type.
     */
    private static ValidationReport contentTypeOfABody(Response response, ApiOperation operation) {
        boolean hasBody = response.getResponseBody().map(b -> b.hasBody()).orElse(false);
        if (!hasBody || response.getContentType().isPresent()) {
            return ValidationReport.empty();
        }
        ApiResponses responses = operation.getOperation().getResponses();
        String status = String.valueOf(response.getStatus());
        ApiResponse documented = responses.containsKey(status) ? responses.get(status)
                : responses.containsKey(status.charAt(0) + "XX") ? responses.get(status.charAt(0) + "XX")
                : responses.get("default");
        if (documented == null || documented.getContent() == null || documented.getContent().isEmpty()) {
            return ValidationReport.empty(); // the library reports the undocumented status or body itself
        }
        return ValidationReport.singleton(ValidationReport.Message.create("validation.response.contentType.missing",
                "Response has a body but no Content-Type; expected one of " + documented.getContent().keySet()).build());
    }
}
