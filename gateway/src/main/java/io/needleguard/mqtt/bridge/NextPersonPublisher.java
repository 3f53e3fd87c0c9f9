package io.needleguard.mqtt.bridge;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.PenLending;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code <root>/<pen>/person}, retained: who each pen's next session is for (the person it is lent to,
 * else its owner), the state of Home Assistant's "Next session for" select. Sent again when it changes:
 * a lending chosen, a session that used it recorded, the household or the history changed (a lending
 * made from the command line); cleared for a pen the gateway no longer records.
 */
final class NextPersonPublisher implements GatewayListener {

    private final Consumer<OutboundMessage> retain;
    private final Topics topics;
    private final PenLending lending;
    /** The person last sent for each pen: sent again only when it changes. */
    private final Map<String, String> sent = new ConcurrentHashMap<>();

    private volatile Set<String> pens = Set.of();

    NextPersonPublisher(Consumer<OutboundMessage> retain, Topics topics, PenLending lending) {
        this.retain = retain;
        this.topics = topics;
        this.lending = lending;
    }

    @Override
    public void pensChanged(Set<String> now) {
        this.pens = Set.copyOf(now);
        for (String gone : sent.keySet()) {
            if (!now.contains(gone)) {
                sent.remove(gone);
                retain.accept(new OutboundMessage(topics.person(gone), new byte[0], Messages.QOS, true));
            }
        }
        all();
    }

    @Override
    public void householdChanged(Household household) {
        all();
    }

    @Override
    public void historyChanged() {
        all();
    }

    /** A session that used a lending ends it: the pen's next session is its owner's again. */
    @Override
    public void recorded(RecordedSession recorded) {
        recorded.session()
                .pen()
                .filter(pens::contains)
                .ifPresent(pen -> send(
                        pen, lending.nextSessionAfter(pen, recorded.session().start())));
    }

    /** A person was chosen for the pen's next session. */
    void lent(String pen) {
        send(pen, lending.nextSessionFor(pen));
    }

    /** {@code lending}, telling this publisher of each lending made through it (the page's). */
    PenLending announcing(PenLending lending) {
        return new PenLending() {
            @Override
            public Owner nextSessionFor(String serial) {
                return lending.nextSessionFor(serial);
            }

            @Override
            public Owner nextSessionAfter(String serial, java.time.Instant start) {
                return lending.nextSessionAfter(serial, start);
            }

            @Override
            public void lendPen(String serial, String person) {
                lending.lendPen(serial, person);
                lent(serial);
            }
        };
    }

    private void all() {
        pens.forEach(pen -> send(pen, lending.nextSessionFor(pen)));
    }

    private void send(String pen, Owner person) {
        if (!person.id().equals(sent.put(pen, person.id()))) {
            retain.accept(new OutboundMessage(
                    topics.person(pen), person.id().getBytes(StandardCharsets.UTF_8), Messages.QOS, true));
        }
    }
}
