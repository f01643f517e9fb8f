package app.lockin.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API under {@code /api}. Every call carries a Cognito JWT (SPEC §2), verified by
 * Liberty's mpJwt; what mpJwt cannot check is in {@link app.lockin.web.security.TokenPolicyFilter}.
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "lockin")
public class LockinApplication extends Application {
}
