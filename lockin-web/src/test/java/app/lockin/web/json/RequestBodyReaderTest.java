package app.lockin.web.json;

import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.web.group.CreateGroupRequest;
import app.lockin.web.group.MemberPatch;
import app.lockin.web.profile.ProfilePatch;
import app.lockin.web.session.CreateSessionRequest;
import app.lockin.web.session.ManualLogRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request pipeline without a server, on the JSON-B and Bean Validation implementations Liberty
 * runs: strict binding (every wrong value named, unknown fields refused, PATCH's absent versus
 * null) and the records' constraints. The API tests prove the same answers over HTTP.
 */
class RequestBodyReaderTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final String GROUP = """
            {"name":"  Deep work  ","description":" ","start_at":"2026-03-01T08:00:00+01:00",
             "end_at":"2026-04-01T08:00:00Z","period":"daily","period_target_minutes":60,"timezone":"Europe/Paris"}""";

    @Test
    void aValidBodyBindsWithSnakeCaseNamesAndTrimmedText() {
        CreateGroupRequest group = read(CreateGroupRequest.class, GROUP);
        assertEquals("Deep work", group.name());
        assertNull(group.description(), "a blank description is none");
        assertEquals(Instant.parse("2026-03-01T07:00:00Z"), group.startAt(), "any offset is accepted");
        assertEquals(60, group.periodTargetMinutes());
        assertEquals(Set.of(), violations(group));
    }

    @Test
    void everyValueOfTheWrongTypeIsNamedInOneAnswer() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> read(CreateGroupRequest.class,
                GROUP.replace("\"  Deep work  \"", "42").replace("60", "1.5")
                        .replace("\"2026-03-01T08:00:00+01:00\"", "\"2026-03-01T08:00:00\"")));
        assertEquals("validation_failed", refused.code());
        assertEquals(Set.of("name", "period_target_minutes", "start_at"), fields(refused.errors()));
    }

    @Test
    void jsonBsLeniencyIsRefused() {
        for (String value : List.of("\"10\"", "1e12", "true", "10.5", "[10]")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> read(ManualLogRequestLike.class, "{\"minutes\":" + value + "}"), value);
            assertEquals(Set.of("minutes"), fields(refused.errors()), value);
        }
        assertEquals(Set.of("group_id"), fields(assertThrows(InvalidInputException.class,
                () -> read(CreateSessionRequest.class, "{\"group_id\":\"1-1-1-1-1\"}")).errors()), "only canonical UUIDs");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> read(CreateSessionRequest.class, "{\"group\":1,\"owner_id\":2}"));
        assertEquals("unknown_field", refused.code());
        assertEquals(Set.of("group", "owner_id"), fields(refused.errors()));
        assertEquals("unknown_field", assertThrows(InvalidInputException.class,
                () -> read(MemberPatch.class, "{\"sent_fields\":[\"role\"]}")).code(), "only the reader says what was sent");
    }

    @Test
    void malformedOrNonObjectBodiesAreMalformedJson() {
        for (String body : List.of("{\"name\":", "[1]", "\"text\"")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> read(CreateSessionRequest.class, body));
            assertEquals("malformed_json", refused.code(), body);
        }
    }

    @Test
    void aMissingBodyIsRequiredUnlessOptional() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> read(ManualLogRequest.class, "  "));
        assertEquals(Set.of("body"), fields(refused.errors()));
        CreateSessionRequest none = (CreateSessionRequest) readWith(CreateSessionRequest.class, CreateSessionRequest.class,
                new Annotation[]{optionalBody()}, null, "");
        assertNull(none.groupId());
    }

    @Test
    void aPatchTellsAbsentFromNull() {
        MemberPatch reset = readPatch(MemberPatch.class, "{\"override_period_target_minutes\":null}");
        assertTrue(reset.has("override_period_target_minutes"));
        assertNull(reset.overridePeriodTargetMinutes());
        assertTrue(!reset.has("role"));
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> readPatch(MemberPatch.class, "{\"role\":null,\"override_period_target_minutes\":\"ten\"}"));
        assertEquals(Set.of("role", "override_period_target_minutes"), fields(refused.errors()),
                "a field that cannot be removed refuses null, named with the type errors");
    }

    @Test
    void theRecordsConstraintsNameEachField() {
        assertEquals(Set.of("name", "period", "timezone"), violations(read(CreateGroupRequest.class,
                GROUP.replace("\"  Deep work  \"", "\"\"").replace("daily", "hourly").replace("Europe/Paris", "Nowhere"))));
        assertEquals(Set.of("end_at"), violations(read(CreateGroupRequest.class,
                GROUP.replace("2026-04-01T08:00:00Z", "2026-03-01T07:00:00Z"))));
        assertEquals(Set.of("period_target_minutes"), violations(read(CreateGroupRequest.class, GROUP.replace("60", "1441"))));
        assertEquals(Set.of(), violations(read(CreateGroupRequest.class,
                GROUP.replace("daily", "weekly").replace("60", "10080"))));
        assertEquals(Set.of("name"), violations(read(CreateGroupRequest.class, GROUP.replace("Deep work", "tab\\tname"))));
        assertEquals(Set.of("name"), violations(read(CreateGroupRequest.class, GROUP.replace("Deep work", "n".repeat(101)))));
        assertEquals(Set.of("timezone"), violations(read(CreateGroupRequest.class, GROUP.replace("Europe/Paris", "EST"))));
        assertEquals(Set.of(), violations(readPatch(ProfilePatch.class, "{\"display_name\":\"" + "🙂".repeat(80) + "\"}")),
                "80 characters outside the basic plane");
        assertEquals(Set.of("display_name"), violations(readPatch(ProfilePatch.class, "{\"display_name\":\"" + "x".repeat(81) + "\"}")));
        assertEquals(Set.of("display_name"), violations(readPatch(ProfilePatch.class, "{\"display_name\":\"   \"}")));
    }

    /** A record with one integer field, for the strictness of numbers. */
    record ManualLogRequestLike(Integer minutes) {
    }

    private static <R> R read(Class<R> type, String body) {
        return type.cast(readWith(type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, body));
    }

    private static <R extends Patch> R readPatch(Class<R> type, String body) {
        return read(type, body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readWith(Class<?> type, Type generic, Annotation[] annotations, MediaType media, String body) {
        try {
            return new RequestBodyReader().readFrom((Class) type, generic, annotations, media, null,
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> violations(Object bean) {
        return VALIDATOR.validate(bean).stream().map(RequestBodyReaderTest::field).collect(Collectors.toSet());
    }

    private static String field(ConstraintViolation<?> v) {
        String last = null;
        for (var node : v.getPropertyPath()) {
            last = node.getName();
        }
        return JsonbProvider.jsonName(last);
    }

    private static Set<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).collect(Collectors.toSet());
    }

    private static OptionalBody optionalBody() {
        return new OptionalBody() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OptionalBody.class;
            }
        };
    }

}
