package app.lockin.web.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invite budget of SPEC §15: exact over any hour, only what was created counts. */
class InviteBudgetTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void atMostTheLimitCreatedInAnyHour() {
        InviteBudget budget = new InviteBudget();
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.reserve(T.plusSeconds(i * 100L), 3).isEmpty());
            budget.settle(true, T.plusSeconds(i * 100L));
        }
        assertEquals(OptionalLong.of(3600), budget.reserve(T, 3));
        assertEquals(OptionalLong.of(1), budget.reserve(T.plusSeconds(3599), 3));
        assertTrue(budget.reserve(T.plusSeconds(3600), 3).isEmpty(), "the first has left the hour");
        budget.settle(true, T.plusSeconds(3600));
        assertEquals(OptionalLong.of(100), budget.reserve(T.plusSeconds(3600), 3));
    }

    @Test
    void refusedOrFailedRequestsGiveTheirSlotBack() {
        InviteBudget budget = new InviteBudget();
        assertTrue(budget.reserve(T, 1).isEmpty());
        assertEquals(OptionalLong.of(1), budget.reserve(T, 1), "held by a request still running");
        budget.settle(false, T);
        assertTrue(budget.reserve(T, 1).isEmpty());
        budget.settle(true, T);
        assertTrue(budget.reserve(T.plusSeconds(10), 1).isPresent());
        assertTrue(budget.isIdle(T.plusSeconds(3600)));
    }
}
