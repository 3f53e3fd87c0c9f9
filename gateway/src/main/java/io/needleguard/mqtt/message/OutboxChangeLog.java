package io.needleguard.mqtt.message;

import io.needleguard.history.ChangeLog;
import io.needleguard.history.RecordedSession;
import io.needleguard.outbox.Outbox;
import io.needleguard.rules.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Writes the messages that report each change to the history into the outbox, inside the transaction
 * that makes the change: with the history's own (durable) outbox, a session and its messages are
 * stored together or not at all, whichever process records or re-judges it.
 */
public final class OutboxChangeLog implements ChangeLog {

    private final Messages messages;
    private final Outbox outbox;

    public OutboxChangeLog(Messages messages, Outbox outbox) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public void recorded(RecordedSession session) {
        messages.recorded(session).forEach(outbox::add);
    }

    @Override
    public void findingsChanged(RecordedSession session, List<Finding> previous) {
        messages.findingsChanged(session, previous).forEach(outbox::add);
    }

    @Override
    public void edited(RecordedSession now, RecordedSession before) {
        messages.edited(now, before).forEach(outbox::add);
    }

    @Override
    public void deleted(RecordedSession was) {
        messages.deleted(was).forEach(outbox::add);
    }
}
