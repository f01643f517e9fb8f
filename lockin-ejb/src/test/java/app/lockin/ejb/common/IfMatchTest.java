package app.lockin.ejb.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** If-Match and entity tags (SPEC §15, RFC 9110 §13.1.1): strong comparison, weak tags never match. */
class IfMatchTest {

    record Item(UUID id, String name, Instant at, List<String> tags, Instant serverTime) implements TaggedView {
    }

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTagChangesWithEveryFieldButServerTime() {
        Item item = new Item(ID, "a", AT, List.of("x"), AT);
        String tag = item.entityTag();
        assertTrue(tag.matches("\"[A-Za-z0-9_-]{43}\""), tag);
        assertEquals(tag, new Item(ID, "a", AT, List.of("x"), AT.plusSeconds(5)).entityTag(), "server_time left out");
        assertNotEquals(tag, new Item(ID, "b", AT, List.of("x"), AT).entityTag());
        assertNotEquals(tag, new Item(ID, "a", AT.plusNanos(1000), List.of("x"), AT).entityTag());
        assertNotEquals(tag, new Item(ID, "a", AT, List.of("x", "y"), AT).entityTag());
        assertNotEquals(tag, new Item(ID, null, AT, List.of("x"), AT).entityTag());
        // no ambiguity between fields: moving text from one string to the next changes the tag
        assertNotEquals(new Item(ID, "ab", AT, List.of("c"), AT).entityTag(), new Item(ID, "a", AT, List.of("bc"), AT).entityTag());
        assertNotEquals(new Item(ID, "", AT, List.of(), AT).entityTag(), new Item(ID, "", AT, List.of(""), AT).entityTag());
    }

    @Test
    void strongComparisonOfAListOfTags() {
        String current = "\"abc\"";
        assertTrue(IfMatch.absent().matches(current));
        assertTrue(IfMatch.parse(null).matches(current));
        assertTrue(IfMatch.parse("*").matches(current));
        assertTrue(IfMatch.parse(" * ").matches(current));
        assertTrue(IfMatch.parse("\"abc\"").matches(current));
        assertTrue(IfMatch.parse("\"x\", \"abc\"").matches(current));
        assertTrue(IfMatch.parse("\"x\",\"abc\"").matches(current));
        assertFalse(IfMatch.parse("W/\"abc\"").matches(current), "weak tags never match");
        assertFalse(IfMatch.parse("\"x\"").matches(current));
        assertFalse(IfMatch.parse("abc").matches(current), "unquoted: not a tag");
        assertFalse(IfMatch.parse("\"abc\" junk").matches(current), "a malformed list matches nothing");
        assertFalse(IfMatch.parse("").matches(current));
        assertFalse(IfMatch.parse("*, \"abc\"").matches(current));
    }

    @Test
    void checkRefusesWith412() {
        Item item = new Item(ID, "a", AT, List.of(), AT);
        assertDoesNotThrow(() -> IfMatch.parse(item.entityTag()).check(item));
        PreconditionFailedException refused = assertThrows(PreconditionFailedException.class,
                () -> IfMatch.parse("\"stale\"").check(item));
        assertEquals("precondition_failed", refused.code());
    }
}
