package io.needleguard.history;

import io.needleguard.session.SessionId;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the recorder's listener what was committed, once it is: a listener's failure must not undo or
 * stop recording, so it is logged and the next listener call goes on.
 */
final class AfterCommit {

    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private final RecorderListener listener;

    AfterCommit(RecorderListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void recorded(RecordedSession session, List<Rejudged> rejudged) {
        notify(() -> listener.recorded(session));
        rejudged(rejudged);
    }

    void duplicate(SessionId id) {
        notify(() -> listener.duplicate(id));
    }

    void edited(RecordedSession now, RecordedSession before, List<Rejudged> rejudged) {
        notify(() -> listener.edited(now, before));
        rejudged(rejudged);
    }

    void deleted(RecordedSession was, List<Rejudged> rejudged) {
        notify(() -> listener.deleted(was));
        rejudged(rejudged);
    }

    /** Each session whose findings changed, in the order they were judged again. */
    void rejudged(List<Rejudged> rejudged) {
        for (Rejudged r : rejudged) {
            notify(() -> listener.findingsChanged(r.now(), r.before()));
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("a listener failed after a session was stored (the session is safe in the history)", e);
        }
    }
}
