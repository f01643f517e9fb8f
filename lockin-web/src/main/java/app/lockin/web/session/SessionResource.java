package app.lockin.web.session;

import app.lockin.ejb.session.ParticipantView;
import app.lockin.ejb.session.SessionService;
import app.lockin.ejb.session.SessionView;
import app.lockin.ejb.session.TimeLogService;
import app.lockin.ejb.session.TimeLogView;
import app.lockin.web.Responses;
import app.lockin.web.json.EmptyBody;
import app.lockin.web.json.OptionalBody;
import app.lockin.web.security.CurrentUser;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * {@code /api/sessions}: focus sessions, their state machine ({@code :start}, {@code :pause},
 * {@code :resume}, {@code :stop}), joining and leaving, participants and manual logs (SPEC §7).
 */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    CurrentUser currentUser;

    @EJB
    SessionService sessions;

    @EJB
    TimeLogService logs;

    /** The body may be left out: a personal session. */
    @POST
    public Response create(@OptionalBody CreateSessionRequest body) {
        UUID groupId = body == null ? null : body.groupId();
        SessionView created = sessions.create(currentUser.id(), groupId);
        return Responses.created("/api/sessions/" + created.id(), created);
    }

    @GET
    @Path("{id}")
    public SessionView get(@PathParam("id") UUID id) {
        return sessions.get(id, currentUser.id());
    }

    @GET
    @Path("{id}/participants")
    public List<ParticipantView> participants(@PathParam("id") UUID id) {
        return sessions.participants(id, currentUser.id());
    }

    @POST
    @Path("{id}:start")
    @EmptyBody
    public SessionView start(@PathParam("id") UUID id) {
        return sessions.transition(id, currentUser.id(), "start");
    }

    @POST
    @Path("{id}:pause")
    @EmptyBody
    public SessionView pause(@PathParam("id") UUID id) {
        return sessions.transition(id, currentUser.id(), "pause");
    }

    @POST
    @Path("{id}:resume")
    @EmptyBody
    public SessionView resume(@PathParam("id") UUID id) {
        return sessions.transition(id, currentUser.id(), "resume");
    }

    @POST
    @Path("{id}:stop")
    @EmptyBody
    public SessionView stop(@PathParam("id") UUID id) {
        return sessions.transition(id, currentUser.id(), "stop");
    }

    @POST
    @Path("{id}:join")
    @EmptyBody
    public SessionView join(@PathParam("id") UUID id) {
        return sessions.join(id, currentUser.id());
    }

    @POST
    @Path("{id}:leave")
    @EmptyBody
    public SessionView leave(@PathParam("id") UUID id) {
        return sessions.leave(id, currentUser.id());
    }

    @POST
    @Path("{id}/logs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addLog(@PathParam("id") UUID id, ManualLogRequest request) {
        TimeLogView created = logs.add(id, currentUser.id(), request.startedAt(), request.endedAt());
        return Responses.created("/api/sessions/" + id + "/logs/" + created.id(), created);
    }

    @GET
    @Path("{id}/logs/{logId}")
    public TimeLogView log(@PathParam("id") UUID id, @PathParam("logId") UUID logId) {
        return logs.get(id, logId, currentUser.id());
    }
}
