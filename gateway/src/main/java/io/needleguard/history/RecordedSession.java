package io.needleguard.history;

import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A session as the history holds it: with its current findings and when the gateway recorded it.
 *
 * @param recordedAt when this gateway stored the session (gateway clock); differs from the session's
 *                   end for sessions synced from the pen's memory
 */
public record RecordedSession(Session session, List<Finding> findings, Instant recordedAt) {

    public RecordedSession {
        Objects.requireNonNull(session, "session");
        findings = List.copyOf(findings);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
