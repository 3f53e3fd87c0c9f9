package io.needleguard.history;

import java.time.Instant;
import java.util.Optional;

/**
 * Which sessions to list. Empty fields do not filter.
 *
 * @param pen   only this pen's sessions
 * @param owner only this owner's sessions
 * @param since only sessions that start at or after this instant
 */
public record HistoryQuery(Optional<String> pen, Optional<String> owner, Optional<Instant> since) {

    public static HistoryQuery all() {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public HistoryQuery withPen(String pen) {
        return new HistoryQuery(Optional.of(pen), owner, since);
    }

    public HistoryQuery withOwner(String owner) {
        return new HistoryQuery(pen, Optional.of(owner), since);
    }

    public HistoryQuery withSince(Instant since) {
        return new HistoryQuery(pen, owner, Optional.of(since));
    }
}
