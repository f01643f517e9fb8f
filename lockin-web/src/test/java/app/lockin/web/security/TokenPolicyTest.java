package app.lockin.web.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §16: only the strict compact form (three unpadded base64url segments) passes {@link TokenPolicy#strictCompactJws}. */
class TokenPolicyTest {

    /** The rule as it was written before, as a regular expression: the loop must agree with it. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @Test
    void acceptsOnlyThreeUnpaddedBase64UrlSegments() {
        assertTrue(TokenPolicy.strictCompactJws("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_09"));
        for (String refused : List.of("", ".", "..", "a.b", "a.b.", ".b.c", "a..c", "a.b.c.d", "a.b.c=", "a=.b.c",
                "a+b.c.d", "a/b.c.d", "a.b.c ", " a.b.c", "a.b.c\n", "a.b.é", "a.b.c.")) {
            assertFalse(TokenPolicy.strictCompactJws(refused), refused);
        }
    }

    @Test
    void agreesWithTheRegularExpressionOnEveryShortString() {
        char[] alphabet = {'a', 'Z', '0', '_', '-', '.', '=', '+', '/', ' '};
        int checked = 0;
        for (int length = 0; length <= 6; length++) {
            int[] digits = new int[length];
            while (true) {
                StringBuilder s = new StringBuilder();
                for (int d : digits) {
                    s.append(alphabet[d]);
                }
                assertEquals(RULE.matcher(s).matches(), TokenPolicy.strictCompactJws(s.toString()), s.toString());
                checked++;
                int i = length - 1;
                while (i >= 0 && ++digits[i] == alphabet.length) {
                    digits[i--] = 0;
                }
                if (i < 0) {
                    break;
                }
            }
        }
        assertTrue(checked > 1_000_000);
    }
}
