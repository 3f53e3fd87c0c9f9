package io.needleguard.history;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.RuleContext;
import io.needleguard.rules.RuleSettings;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One owner's sessions over a span (timeline order) and their conditions, read once so that several
 * of their sessions can be judged without reading the history again for each.
 */
final class OwnerTimeline {

    private final Owner owner;
    private final RuleSettings settings;
    private final List<Session> sessions;
    private final List<ConditionPeriod> conditions;
    private final SessionHistory history;
    private final Household household;

    /**
     * @param sessions   the owner's sessions over the span, in timeline order
     * @param conditions the owner's conditions, past and present
     */
    OwnerTimeline(
            Owner owner,
            RuleSettings settings,
            List<Session> sessions,
            List<ConditionPeriod> conditions,
            SessionHistory history,
            Household household) {
        this.owner = owner;
        this.settings = settings;
        this.sessions = sessions;
        this.conditions = conditions;
        this.history = history;
        this.household = household;
    }

    /**
     * The earliest start a session's context includes: the rules' look-back in the session's own zone,
     * a day more so that a calendar day counted there is always whole, and another for an earlier
     * session recorded in another zone (its own day can be a day off; zones differ by at most 26 hours).
     */
    static Instant horizonStart(Session session, Owner owner, RuleSettings settings) {
        return session.start()
                .atZone(session.zoneOr(owner.zone()))
                .minus(settings.lookback())
                .minusDays(2)
                .toInstant();
    }

    /** The context of {@code session}: the owner's sessions from its horizon up to it, and its cartridge's uses. */
    RuleContext context(Session session) {
        Instant from = horizonStart(session, owner, settings);
        int first = firstIndex(s -> !s.start().isBefore(from));
        int end = firstIndex(s -> !s.isBefore(session));
        List<Session> earlier = first < end ? sessions.subList(first, end) : List.of();
        List<Session> cartridge = history.cartridgeUses(session.cartridge()).stream()
                .filter(s -> s.isBefore(session))
                .sorted(Comparator.comparing(Session::start))
                .toList();
        Optional<Device> device = session.device().flatMap(household::device);
        List<Session> deviceUses = device.filter(d -> d.kind() == Device.Kind.ROLLER)
                .map(d -> history.deviceUses(d.id()).stream()
                        .filter(s -> s.isBefore(session))
                        .toList())
                .orElse(List.of());
        return new RuleContext(session, owner, settings, earlier, cartridge, conditions).withDevice(device, deviceUses);
    }

    /** The first index whose session passes {@code test}, which holds from some index to the end. */
    private int firstIndex(Predicate<Session> test) {
        int lo = 0;
        int hi = sessions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (test.test(sessions.get(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
