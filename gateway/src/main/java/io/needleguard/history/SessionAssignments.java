package io.needleguard.history;

import io.needleguard.session.SessionId;
import java.util.Map;
import java.util.Optional;

/**
 * What is kept of each change of a session's owner: the port; the SQLite store is the adapter. Writes
 * take part in the surrounding {@link Transactions#atomically} unit. The session's owner itself is
 * changed through {@link SessionHistory#update}.
 */
public interface SessionAssignments {

    /** Keeps that the session was {@code change.previousOwner()}'s until {@code change.changedAt()}. */
    void add(Reassignment change);

    /** The session's latest change of owner, if it ever had one. */
    Optional<Reassignment> latest(SessionId session);

    /** The latest change of owner of every session that had one (few: a correction is rare). */
    Map<SessionId, Reassignment> latestOfEach();
}
