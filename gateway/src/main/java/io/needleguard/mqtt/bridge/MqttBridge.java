package io.needleguard.mqtt.bridge;

import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.message.DiscoveryConfigs;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything a gateway publishes and accepts over MQTT (src/docs/mqtt.md), wired once for {@code run}
 * and the demo: the messages of each change written to the outbox in the change's own transaction,
 * the transport that drains it, each pen's retained state, the owners' next safe times, Home Assistant
 * discovery, and area commands.
 */
public final class MqttBridge implements AutoCloseable {

    private final Messages messages;
    private final Outbox outbox;
    private final MqttTransport transport;
    private final PenStatePublisher states;
    private final HomeAssistantDiscovery discovery;

    private MqttBridge(
            Messages messages,
            Outbox outbox,
            MqttTransport transport,
            PenStatePublisher states,
            HomeAssistantDiscovery discovery) {
        this.messages = messages;
        this.outbox = outbox;
        this.transport = transport;
        this.states = states;
        this.discovery = discovery;
    }

    /**
     * Starts connecting; returns at once.
     *
     * @param outbox    the durable outbox (the history database's)
     * @param announced the record of pens announced to Home Assistant
     */
    public static MqttBridge start(
            MqttSettings settings, Household household, Clock clock, Outbox outbox, AnnouncedPens announced) {
        return start(settings, household, clock, outbox, announced, Backoff.standard());
    }

    public static MqttBridge start(
            MqttSettings settings,
            Household household,
            Clock clock,
            Outbox outbox,
            AnnouncedPens announced,
            Backoff backoff) {
        Messages messages = messages(settings, household);
        MqttTransport transport = MqttTransport.start(
                settings,
                outbox,
                clock,
                backoff,
                new MqttTransport.Announcements(
                        messages.availability(true),
                        messages.availability(false),
                        size -> messages.gateway(size, clock.instant())));
        DiscoveryConfigs configs = new DiscoveryConfigs(
                messages.topics(),
                settings.discovery().prefix(),
                pen -> household.ownerOfPen(pen).id());
        return new MqttBridge(
                messages,
                outbox,
                transport,
                new PenStatePublisher(transport::retain, messages, household, clock),
                new HomeAssistantDiscovery(
                        transport::retain, configs, settings.discovery().enabled(), announced));
    }

    /** The messages of the contract for this configuration, for a command that writes them to the outbox. */
    public static Messages messages(MqttSettings settings, Household household) {
        return new Messages(new Topics(settings.root()), household::zoneOf);
    }

    /** Makes the gateway write its messages into the outbox and tell these listeners what happens. */
    public Gateway.Builder wire(Gateway.Builder gateway) {
        return gateway.changeLog(changeLog())
                .listener(new Events())
                .listener(states)
                .listener(discovery);
    }

    /** Writes the messages of each change into the outbox, inside the change's transaction. */
    public ChangeLog changeLog() {
        return new OutboxChangeLog(messages, outbox);
    }

    /** Once the gateway exists: carries out area commands for the pens it records. */
    public void serve(Gateway gateway) {
        transport.subscribe(
                messages.topics().areaCommands(),
                new AreaCommandHandler(
                        messages,
                        transport::retain,
                        outbox,
                        transport::drainSoon,
                        gateway::recordedPens,
                        gateway::chooseArea));
    }

    public Topics topics() {
        return messages.topics();
    }

    /** Outbox messages the broker has acknowledged since start. */
    public long delivered() {
        return transport.delivered();
    }

    /** Messages waiting in the outbox. */
    public int waiting() {
        return transport.waiting();
    }

    public boolean isConnected() {
        return transport.isConnected();
    }

    /** Waits until the broker has acknowledged every message in the outbox. */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return transport.awaitDelivered(timeout);
    }

    @Override
    public void close() {
        states.close();
        transport.close();
    }

    /** What the gateway's events mean for MQTT, beyond pen states and discovery. */
    private final class Events implements GatewayListener {

        /** The change's messages are committed with it: they can go. */
        @Override
        public void recorded(RecordedSession session) {
            transport.drainSoon();
        }

        @Override
        public void findingsChanged(RecordedSession session, List<Finding> previous) {
            transport.drainSoon();
        }

        @Override
        public void historyChanged() {
            transport.drainSoon();
        }

        @Override
        public void liveFindings(Session running, List<Finding> findings) {
            messages.liveFindings(running, findings).forEach(outbox::add);
            transport.drainSoon();
        }

        @Override
        public void ownerStatus(SafetyStatus.OwnerStatus status) {
            transport.retain(messages.nextSafe(status));
        }
    }
}
