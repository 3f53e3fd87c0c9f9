package io.needleguard.history;

import io.needleguard.session.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A session given to another person ({@code needleguard history assign}): whose it was before, and when
 * it was changed. Only the owner changed; what was measured stays as recorded.
 *
 * @param previousOwner the person it was recorded for (or given to by an earlier assignment)
 * @param changedAt     when it was given to its present owner (gateway clock)
 */
public record Reassignment(SessionId session, String previousOwner, Instant changedAt) {

    public Reassignment {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(previousOwner, "previousOwner");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
