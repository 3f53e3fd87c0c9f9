package io.needleguard.dashboard;

import io.needleguard.history.HandEntry;
import io.needleguard.history.HandLog;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SessionRecorder.Assignment;
import io.needleguard.history.SessionRecorder.ConditionChange;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.session.SessionId;
import java.time.Instant;
import java.util.Optional;

/**
 * The changes to the history the page may make, each through the gateway's own recorder (judged again,
 * stored and published in one transaction, as the command line's {@code log} and {@code condition} do).
 */
public interface HistoryChanges {

    HandLog.Logged logByHand(HandEntry entry) throws RefusedEntry;

    ConditionChange addCondition(ConditionPeriod condition);

    /** Empty when there is no condition with that id. */
    Optional<ConditionChange> endCondition(long id, Instant until);

    /**
     * As {@code needleguard history assign}: the session is the person's, everything after it judged
     * again for both people and published.
     */
    Assignment assign(SessionId id, String owner) throws RefusedEntry;
}
