package io.needleguard.rules;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a rule may look at to judge one session. Rules only look backwards in time: a session's
 * findings depend on the session and on what came before it in the timeline, never on arrival
 * order, so a session synced late changes the findings of the sessions after it and nothing else.
 *
 * @param earlierOwnerSessions the owner's sessions before this one (timeline order, oldest first),
 *                             at least as far back as {@link RuleSettings#lookback()}
 * @param earlierCartridgeUses sessions of any owner, before this one, that used the same cartridge
 * @param conditions           the owner's conditions, past and present
 */
public record RuleContext(
        Session session,
        Owner owner,
        RuleSettings settings,
        List<Session> earlierOwnerSessions,
        List<Session> earlierCartridgeUses,
        List<ConditionPeriod> conditions) {

    public RuleContext {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(settings, "settings");
        earlierOwnerSessions = List.copyOf(earlierOwnerSessions);
        earlierCartridgeUses = List.copyOf(earlierCartridgeUses);
        conditions = List.copyOf(conditions);
    }

    /** The owner's timeline up to and including this session. */
    public List<Session> timeline() {
        List<Session> all = new ArrayList<>(earlierOwnerSessions);
        all.add(session);
        return all;
    }

    /** The timeline as treatments; the last one that contains the session is {@link #treatment()}. */
    List<Treatment> treatments() {
        return Treatment.of(timeline(), settings.continuationGap().value());
    }

    Treatment treatment() {
        return treatments().stream()
                .filter(t -> t.contains(session))
                .findFirst()
                .orElseThrow();
    }

    /** Earlier treatments on an area that overlaps this session's (not the one this session continues). */
    List<Treatment> earlierOverlapping() {
        return treatments().stream()
                .filter(t -> !t.contains(session))
                .filter(t -> overlap(t.area(), session.area()))
                .toList();
    }

    /** Same area, or either side unspecified: an unspecified area could be any area. */
    static boolean overlap(Area a, Area b) {
        return a == b || a == Area.UNSPECIFIED || b == Area.UNSPECIFIED;
    }
}
