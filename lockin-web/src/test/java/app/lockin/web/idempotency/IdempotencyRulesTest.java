package app.lockin.web.idempotency;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure rules of SPEC §15's idempotency keys: the key's shape, what is stored, the fingerprint. */
class IdempotencyRulesTest {

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        assertTrue(IdempotencyFilter.isValidKey("a"));
        assertTrue(IdempotencyFilter.isValidKey("!~" + "k".repeat(253)));
        assertTrue(IdempotencyFilter.isValidKey("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertFalse(IdempotencyFilter.isValidKey(null));
        assertFalse(IdempotencyFilter.isValidKey(""));
        assertFalse(IdempotencyFilter.isValidKey("k".repeat(256)));
        assertFalse(IdempotencyFilter.isValidKey("two words"));
        assertFalse(IdempotencyFilter.isValidKey("tab\tkey"));
        assertFalse(IdempotencyFilter.isValidKey("caf\u00e9"));
        assertFalse(IdempotencyFilter.isValidKey("del\u007f"));
    }

    @Test
    void everyAnswerIsStoredExcept5xx401And429() {
        for (int status : new int[] {200, 201, 204, 400, 403, 404, 409, 412, 413, 415, 422}) {
            assertTrue(IdempotencyFilter.isStored(status), "stored: " + status);
        }
        for (int status : new int[] {401, 429, 500, 503}) {
            assertFalse(IdempotencyFilter.isStored(status), "not stored: " + status);
        }
    }

    @Test
    void theFingerprintCoversMethodPathQueryAndBodyBytes() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] base = IdempotencyFilter.fingerprint("POST", URI.create("http://h/api/groups"), body);
        assertEquals(32, base.length);
        assertArrayEquals(base, IdempotencyFilter.fingerprint("POST", URI.create("http://other:1/api/groups"), body),
                "the host does not matter");
        assertFalse(java.util.Arrays.equals(base, IdempotencyFilter.fingerprint("PATCH", URI.create("http://h/api/groups"), body)));
        assertFalse(java.util.Arrays.equals(base, IdempotencyFilter.fingerprint("POST", URI.create("http://h/api/groups?x=1"), body)));
        assertFalse(java.util.Arrays.equals(base, IdempotencyFilter.fingerprint("POST", URI.create("http://h/api/groups"),
                "{\"a\": 1}".getBytes(StandardCharsets.UTF_8))), "the bytes, not the meaning");
    }
}
