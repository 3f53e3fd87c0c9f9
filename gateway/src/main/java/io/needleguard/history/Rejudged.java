package io.needleguard.history;

import io.needleguard.rules.Finding;
import java.util.List;

/** A session whose findings changed when it was judged again: as stored now, and the findings it had. */
record Rejudged(RecordedSession now, List<Finding> before) {

    Rejudged {
        before = List.copyOf(before);
    }

    /** The sessions as they are now, for a caller's answer. */
    static List<RecordedSession> now(List<Rejudged> changed) {
        return changed.stream().map(Rejudged::now).toList();
    }
}
