package io.needleguard.rules;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The question "when may this owner next needle this area at this depth?", with what the rules need
 * to answer it.
 *
 * @param timeline the owner's sessions (timeline order) at least {@link RuleSettings#lookback()} back
 */
public record NextSafeQuery(
        Owner owner,
        Area area,
        Depth depth,
        List<Session> timeline,
        List<ConditionPeriod> conditions,
        RuleSettings settings,
        Instant now) {

    public NextSafeQuery {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(depth, "depth");
        timeline = List.copyOf(timeline);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(now, "now");
    }

    List<Treatment> treatments() {
        return Treatment.of(timeline, settings.continuationGap().value());
    }
}
