package app.lockin.web.profile;

import app.lockin.ejb.account.AccountService;
import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.profile.ProfileChanges;
import app.lockin.ejb.profile.ProfileService;
import app.lockin.ejb.profile.ProfileView;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** {@code /api/me}: the caller's own profile (SPEC §4), its export and its deletion (SPEC §14). */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    ProfileService profiles;

    @EJB
    AccountService accounts;

    @GET
    public ProfileView get() {
        return profiles.me(currentUser.id());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileView patch(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid ProfilePatch body) {
        var changes = new ProfileChanges(body.has("display_name"), body.displayName(),
                body.has("avatar_url"), body.avatarUrl());
        return profiles.update(currentUser.id(), changes, IfMatch.parse(ifMatch));
    }

    /** SPEC §14: everything stored about the caller, as a file to save. */
    @GET
    @Path("export")
    public Response export() {
        UUID userId = currentUser.id();
        return Response.ok(accounts.export(userId))
                .header("Content-Disposition", "attachment; filename=\"lockin-export-" + userId + ".json\"")
                .build();
    }

    /** SPEC §14: the caller's account, deleted in one transaction; 204 again for a repeated call. */
    @DELETE
    public Response delete() {
        accounts.delete(currentUser.id());
        return Response.noContent().build();
    }
}
