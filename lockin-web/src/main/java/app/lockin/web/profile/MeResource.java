package app.lockin.web.profile;

import app.lockin.ejb.profile.ProfileChanges;
import app.lockin.ejb.profile.ProfileService;
import app.lockin.ejb.profile.ProfileView;
import app.lockin.web.json.JsonFields;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;

/** {@code /api/me}: the caller's own profile (SPEC §4). */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    ProfileService profiles;

    @GET
    public ProfileView get() {
        return profiles.me(currentUser.id());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileView patch(JsonObject body) {
        JsonFields fields = new JsonFields(body).allowOnly(Set.of("display_name", "avatar_url"));
        var changes = new ProfileChanges(fields.has("display_name"), fields.get("display_name", String.class),
                fields.has("avatar_url"), fields.get("avatar_url", String.class));
        fields.throwIfInvalid();
        return profiles.update(currentUser.id(), changes);
    }
}
