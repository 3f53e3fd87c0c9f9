package io.needleguard.rules;

import io.needleguard.session.Session;
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
 */
public record RuleContext(
        Session session,
        Owner owner,
        RuleSettings settings,
        List<Session> earlierOwnerSessions,
        List<Session> earlierCartridgeUses) {

    public RuleContext {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(settings, "settings");
        earlierOwnerSessions = List.copyOf(earlierOwnerSessions);
        earlierCartridgeUses = List.copyOf(earlierCartridgeUses);
    }
}
