package app.lockin.web.logging;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §17: which client request ids are kept (anything else is replaced by a UUID). */
class RequestIdFilterTest {

    @Test
    void visibleAsciiUpTo128CharactersIsKept() {
        assertTrue(RequestIdFilter.isValid("a"));
        assertTrue(RequestIdFilter.isValid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertTrue(RequestIdFilter.isValid("!~\"{}"));
        assertTrue(RequestIdFilter.isValid("x".repeat(128)));
    }

    @Test
    void emptyLongSpacesControlAndNonAsciiAreReplaced() {
        assertFalse(RequestIdFilter.isValid(null));
        assertFalse(RequestIdFilter.isValid(""));
        assertFalse(RequestIdFilter.isValid("x".repeat(129)));
        assertFalse(RequestIdFilter.isValid("a b"));
        assertFalse(RequestIdFilter.isValid("a\nb"));
        assertFalse(RequestIdFilter.isValid("a\u007Fb"));
        assertFalse(RequestIdFilter.isValid("café"));
    }
}
