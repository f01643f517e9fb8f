package app.lockin.ejb.group;

import java.time.Instant;

/**
 * {@code POST /api/groups}: the fields as the client sent them (any may be null or wrong here;
 * {@link GroupRules#validate} judges them all at once).
 */
public record NewGroup(String name, String description, Instant startAt, Instant endAt, String period,
                       Integer periodTargetMinutes, String timezone) {
}
