package io.needleguard.mqtt;

import io.needleguard.gateway.Gateway;
import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.outbox.Outbox;
import io.needleguard.household.Household;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Everything a gateway publishes and accepts over MQTT, wired once for {@code run} and the demo: the
 * publisher (sessions and findings through the outbox), each pen's retained state, Home Assistant
 * discovery, and area commands.
 */
public final class MqttBridge implements AutoCloseable {

    private final MqttPublisher publisher;
    private final PenStatePublisher states;
    private final HomeAssistantDiscovery discovery;

    private MqttBridge(MqttPublisher publisher, PenStatePublisher states, HomeAssistantDiscovery discovery) {
        this.publisher = publisher;
        this.states = states;
        this.discovery = discovery;
    }

    /**
     * Starts connecting; returns at once.
     *
     * @param store the outbox (durable when it is the history database) and the record of pens
     *              announced to Home Assistant
     */
    public static <S extends Outbox & AnnouncedPens> MqttBridge start(MqttSettings settings, Household household, Clock clock,
                                                                      S store) {
        MqttPublisher publisher = MqttPublisher.start(settings, household::zoneOf, clock, store);
        return new MqttBridge(publisher, new PenStatePublisher(publisher, household, clock),
                new HomeAssistantDiscovery(publisher, store, pen -> household.ownerOfPen(pen).id()));
    }

    /** Makes the gateway write its messages into the outbox and tell these listeners what happens. */
    public Gateway.Builder wire(Gateway.Builder gateway) {
        return gateway.changeLog(publisher.changeLog()).listener(publisher).listener(states).listener(discovery);
    }

    /**
     * Once the gateway exists: accepts area commands for {@code pens}, announces them to Home Assistant
     * and withdraws pens announced before that are no longer among them.
     */
    public void serve(Gateway gateway, Collection<String> pens) {
        serials = List.copyOf(pens);
        publisher.acceptAreaCommands((penLevel, area) -> serials.stream()
                .filter(serial -> Topics.level(serial).equals(penLevel))
                .findFirst()
                .map(serial -> {
                    gateway.chooseArea(serial, area);
                    return Optional.<String>empty();
                })
                .orElse(Optional.of("pen '" + penLevel + "' is not paired with this gateway")));
        discovery.sync(serials);
    }

    /** A pen was paired or forgotten while running: announce it, or withdraw it from Home Assistant. */
    public void pensChanged(Collection<String> pens) {
        serials = List.copyOf(pens);
        discovery.sync(serials);
    }

    private volatile List<String> serials = List.of();

    public MqttPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        states.close();
        publisher.close();
    }
}
