package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §4 on a server without S3 configuration, as a development run has: the S3 variables are
 * taken out of the running test server before this class deploys the application (and put back
 * after), so this is the real server reading its real configuration, not a mock. Everything
 * else is served; the upload endpoint answers 503 {@code not_configured}.
 */
@ExtendWith(ArquillianExtension.class)
class AvatarsNotConfiguredIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        TestEnvironment.withoutAvatarStorage();
        return Deployments.ear();
    }

    @AfterAll
    static void restore() {
        TestEnvironment.restoreAvatarStorage();
    }

    @Test
    void theUploadEndpointAnswers503NotConfigured() {
        Api.Reply reply = Api.post("/api/profiles/avatar/upload-url", Tokens.newUser(),
                "{\"content_type\":\"image/png\",\"content_length\":1024}");
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("not_configured", reply.code());
        assertEquals(503, reply.json().getInt("status"));
        assertTrue(reply.json().getString("detail").contains("not configured"), reply::toString);
    }

    @Test
    void badInputIsStillNamedFirst() {
        Api.Reply reply = Api.post("/api/profiles/avatar/upload-url", Tokens.newUser(),
                "{\"content_type\":\"image/gif\",\"content_length\":1024}");
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("validation_failed", reply.code());
    }

    @Test
    void everythingElseIsServed() {
        String token = Tokens.newUser();
        assertEquals(200, Api.get("/api/me", token).status());
        assertEquals(200, Api.patch("/api/me", token, "{\"display_name\":\"No Avatar\"}").status());
        assertEquals(200, Api.get("/health/ready", null).status());
    }

    @Test
    void noAvatarUrlCanBeSetButTheAvatarCanBeRemoved() {
        String token = Tokens.newUser();
        String me = Api.get("/api/me", token).json().getString("id");
        String wellFormed = TestEnvironment.s3().endpoint() + "/" + S3TestServer.BUCKET + "/avatars/" + me + "/"
                + UUID.randomUUID() + ".png";
        Api.Reply refused = Api.patch("/api/me", token, "{\"avatar_url\":\"" + wellFormed + "\"}");
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("invalid_avatar_url", refused.code());
        Api.Reply removed = Api.patch("/api/me", token, "{\"avatar_url\":null}");
        assertEquals(200, removed.status(), removed::toString);
        assertTrue(removed.json().isNull("avatar_url"));
    }
}
