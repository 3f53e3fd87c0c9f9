package io.needleguard.history;

import io.needleguard.rules.Finding;
import java.util.List;

/**
 * Told of each change to the history inside the transaction that makes it, so that whatever it
 * writes (the MQTT outbox) is stored with the change or not at all. It must not do slow work or I/O
 * outside the history: a failure here undoes the change, and the pen keeps the session.
 */
public interface ChangeLog {

    void recorded(RecordedSession session);

    void findingsChanged(RecordedSession session, List<Finding> previous);

    /** A session logged by hand was corrected: what it is now, with its findings, and what it was. */
    void edited(RecordedSession now, RecordedSession before);

    /** A session logged by hand was deleted: what it was, with the findings it had. */
    void deleted(RecordedSession was);

    ChangeLog NONE = new ChangeLog() {
        @Override
        public void recorded(RecordedSession session) {}

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {}

        @Override
        public void edited(RecordedSession now, RecordedSession before) {}

        @Override
        public void deleted(RecordedSession was) {}
    };
}
