package app.lockin.web.metrics;

import app.lockin.web.group.GroupsResource;
import app.lockin.web.group.ProgressResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SPEC §17: the endpoint label is the template of the resource method, never a path as sent. */
class RequestMetricsFilterTest {

    @Test
    void theTemplateJoinsTheClassAndMethodPaths() throws Exception {
        Method current = ProgressResource.class.getMethod("current", UUID.class);
        assertEquals("/api/groups/{id}/progress/current", RequestMetricsFilter.template(ProgressResource.class, current));
        Method cloneGroup = GroupsResource.class.getMethod("cloneGroup", UUID.class);
        assertEquals("/api/groups/{id}:clone", RequestMetricsFilter.template(GroupsResource.class, cloneGroup));
    }

    @Test
    void statusClasses() {
        assertEquals("2xx", RequestMetricsFilter.statusClass(201));
        assertEquals("4xx", RequestMetricsFilter.statusClass(429));
        assertEquals("5xx", RequestMetricsFilter.statusClass(503));
        assertEquals("other", RequestMetricsFilter.statusClass(0));
    }
}
