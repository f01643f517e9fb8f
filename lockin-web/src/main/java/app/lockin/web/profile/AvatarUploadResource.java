package app.lockin.web.profile;

import app.lockin.ejb.profile.AvatarService;
import app.lockin.ejb.profile.AvatarUpload;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/profiles/avatar/upload-url}: a presigned S3 PUT for the caller's new avatar (SPEC §4). */
@Path("profiles/avatar/upload-url")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AvatarUploadResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    AvatarService avatars;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public AvatarUpload create(AvatarUploadRequest request) {
        return avatars.uploadUrl(currentUser.id(), request.contentType(), request.contentLength());
    }
}
