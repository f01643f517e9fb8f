package app.lockin.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Status mapping shared by the resources (SPEC §1). */
public final class Responses {

    private Responses() {
    }

    /**
     * 201 with the created resource and its {@code Location}, given as an absolute path
     * ({@code /api/groups/{id}}): a reference relative to the request's host is right behind any
     * proxy or load balancer, where the server's idea of its own scheme and host may not be.
     */
    public static Response created(String path, Object entity) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path).entity(entity).build();
    }
}
