package io.needleguard.history;

import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Judges sessions against the history as it stands, and knows which stored sessions a session can
 * change the findings of. Reads only: storing findings is for whoever calls it.
 */
final class SessionJudge {

    private final SessionHistory history;
    private final ConditionHistory conditions;
    private final SafetyCheck check;
    private final Supplier<Household> household;

    SessionJudge(
            SessionHistory history, ConditionHistory conditions, SafetyCheck check, Supplier<Household> household) {
        this.history = Objects.requireNonNull(history, "history");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.check = Objects.requireNonNull(check, "check");
        this.household = Objects.requireNonNull(household, "household");
    }

    /** The findings of one session against the owner's sessions before it, read for it alone. */
    List<Finding> judge(Session session) {
        Owner owner = household.get().ownerOrDefault(session.owner());
        return judge(timeline(owner, horizonStart(session), session.start().plusSeconds(1)), session);
    }

    /** The findings of a session of the timeline's owner, in the context the timeline holds. */
    List<Finding> judge(OwnerTimeline timeline, Session session) {
        return check.check(timeline.context(session));
    }

    /** The owner's sessions that start in {@code [from, to)}, read once to judge several of them. */
    OwnerTimeline timeline(Owner owner, Instant from, Instant to) {
        return new OwnerTimeline(
                owner,
                check.settingsFor(owner),
                history.ownerTimeline(owner.id(), from, to),
                conditions.conditions(owner.id()),
                history,
                household.get());
    }

    /** The earliest start a session's context includes (see {@link OwnerTimeline#horizonStart}). */
    Instant horizonStart(Session session) {
        Owner owner = household.get().ownerOrDefault(session.owner());
        return OwnerTimeline.horizonStart(session, owner, check.settingsFor(owner));
    }

    /**
     * Sessions whose findings may depend on {@code session}: the owner's later sessions within the
     * rules' look-back (a session further on never sees it, see {@link #horizonStart}), and later
     * sessions of anyone that used the same cartridge or roller (cartridge reuse looks back without
     * limit). Rules only look backwards, so nothing earlier. In timeline order.
     */
    List<RecordedSession> affectedBy(Session session) {
        Owner owner = household.get().ownerOrDefault(session.owner());
        // The look-back plus the day horizonStart adds, and one more for a daylight-saving shift
        // between the two ends: a session after this cannot reach back to this one.
        Instant horizonEnd = session.start()
                .atZone(owner.zone())
                .plus(check.settingsFor(owner).lookback())
                .plusDays(2)
                .toInstant();
        TreeMap<Session, RecordedSession> affected = new TreeMap<>(Session.TIMELINE_ORDER);
        history.ownerSessions(session.owner(), session.start(), horizonEnd).stream()
                .filter(r -> session.isBefore(r.session()))
                .forEach(r -> affected.put(r.session(), r));
        history.cartridgeUses(session.cartridge()).stream()
                .filter(session::isBefore)
                .filter(s -> !affected.containsKey(s))
                .forEach(s -> history.find(s.id()).ifPresent(r -> affected.put(s, r)));
        session.device().map(history::deviceUses).orElse(List.of()).stream()
                .filter(session::isBefore)
                .filter(s -> !affected.containsKey(s))
                .forEach(s -> history.find(s.id()).ifPresent(r -> affected.put(s, r)));
        return List.copyOf(affected.values());
    }
}
