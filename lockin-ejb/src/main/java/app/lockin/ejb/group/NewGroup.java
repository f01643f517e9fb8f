package app.lockin.ejb.group;

import java.time.Instant;

/**
 * What a new group is made of (SPEC §5), already checked against the request rules by the web
 * layer; {@code period} as the API spells it ({@code daily}, {@code weekly}). The database checks
 * the same rules again and its refusals become the same answers ({@link GroupRules#DATABASE_MEANINGS}).
 */
public record NewGroup(String name, String description, Instant startAt, Instant endAt, String period,
                       int periodTargetMinutes, String timezone) {
}
