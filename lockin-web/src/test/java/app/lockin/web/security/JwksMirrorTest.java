package app.lockin.web.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two parsers of untrusted text in {@link JwksMirror}: a token's header and a fetched key set. */
class JwksMirrorTest {

    @Test
    void readsTheKidOfABearerTokenWithoutTrustingIt() {
        assertEquals(Optional.of("key-2"), JwksMirror.kidOf("Bearer " + header("{\"alg\":\"RS256\",\"kid\":\"key-2\"}") + ".e30.c2ln"));
        assertEquals(Optional.of("key-2"), JwksMirror.kidOf("bearer " + header("{\"kid\":\"key-2\"}") + ".x.y"));
    }

    @Test
    void anythingElseHasNoKid() {
        for (String refused : new String[] {null, "", "Basic abc", "Bearer", "Bearer .a.b", "Bearer !!!.a.b",
                "Bearer " + header("[1,2]") + ".a.b", "Bearer " + header("{\"kid\":42}") + ".a.b",
                "Bearer " + header("{\"alg\":\"RS256\"}") + ".a.b", "Bearer " + header("not json") + ".a.b",
                "Bearer " + "A".repeat(5000) + ".a.b", "Bearer nodots"}) {
            assertEquals(Optional.empty(), JwksMirror.kidOf(refused), String.valueOf(refused));
        }
    }

    @Test
    void aKeySetNamesItsKeys() {
        assertEquals(Set.of("a", "b"), JwksMirror.kidsOf("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\"},{\"kty\":\"RSA\",\"kid\":\"b\"}]}"));
    }

    @Test
    void whatIsNotAKeySetNeverReplacesTheMirror() {
        for (String notAKeySet : new String[] {"", "<html>", "{}", "{\"keys\":[]}", "{\"keys\":{}}", "[]",
                "{\"keys\":[{\"kty\":\"RSA\"}]}"}) {
            assertThrows(RuntimeException.class, () -> JwksMirror.kidsOf(notAKeySet), notAKeySet);
        }
    }

    private static String header(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
