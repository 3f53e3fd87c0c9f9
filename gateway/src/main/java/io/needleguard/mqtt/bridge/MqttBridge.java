package io.needleguard.mqtt.bridge;

import io.needleguard.backup.BackupStatus;
import io.needleguard.gateway.Gateway;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.ChangeLog;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.history.Transactions;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.PenLending;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.message.DeviceConfigs;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a gateway publishes and accepts over MQTT (src/docs/mqtt.md), wired once for {@code run}
 * and the demo: the messages of each change written to the outbox in the change's own transaction,
 * the transport that drains it, each pen's retained state, the owners' next safe times, Home Assistant
 * discovery, area, person (lent pen), log and session assign commands.
 */
public final class MqttBridge implements AutoCloseable {

    /** How long Home Assistant is given to hand a legacy pen's entities over to its device config. */
    static final Duration HAND_OVER = Duration.ofSeconds(10);

    /** How often the minutes of refused commands are looked at: their count is logged at most this late. */
    static final Duration REFUSALS_EVERY = Duration.ofSeconds(10);

    private final Messages messages;
    private final Outbox outbox;
    private final MqttTransport transport;
    private final PenStatePublisher states;
    private final HomeAssistantDiscovery discovery;
    private final ScheduledExecutorService later;
    private final GatewayState gatewayState;
    private final Function<String, List<Area>> areasOfPen;
    private final Clock clock;
    private final Supplier<Household> household;
    private final PenLending lending;
    private final NextPersonPublisher nextPerson;

    private MqttBridge(Builder b, Messages messages, GatewayState gatewayState) {
        this.messages = messages;
        this.outbox = b.outbox;
        this.clock = b.clock;
        this.household = b.household;
        this.gatewayState = gatewayState;
        this.transport = MqttTransport.start(
                b.settings,
                b.outbox,
                b.clock,
                b.backoff,
                new MqttTransport.Announcements(
                        messages.availability(true), messages.availability(false), gatewayState::message));
        this.states = new PenStatePublisher(transport::retain, messages, b.household, b.clock);
        this.lending = b.lending == null ? PenLending.none(b.household) : b.lending;
        this.nextPerson = new NextPersonPublisher(transport::retain, messages.topics(), lending);
        this.later = DaemonThreads.scheduler("mqtt-discovery");
        SafetyCheck check = b.safetyCheck;
        this.areasOfPen = serial -> areasFor(check, b.household.get().ownerOfPen(serial));
        this.discovery = new HomeAssistantDiscovery(
                new DeviceConfigs(messages.topics(), b.settings.discovery().prefix(), b.settings.root(), b.version),
                b.settings.discovery().enabled(),
                b.settings.root(),
                b.household,
                new HomeAssistantDiscovery.Wiring(
                        b.transactions, b.outbox, b.announced, transport::drainSoon, owner -> areasFor(check, owner)),
                b.handOver,
                later);
        if (b.settings.discovery().enabled()) {
            transport.subscribe(b.settings.discovery().prefix() + "/status", discovery);
        }
    }

    /** The areas an owner may needle at home: those the Home Assistant select offers, and MQTT commands accept. */
    static List<Area> areasFor(SafetyCheck check, Owner owner) {
        Set<Area> not = check.settingsFor(owner).notForNeedling().value();
        return Arrays.stream(Area.values()).filter(a -> !not.contains(a)).toList();
    }

    public static Builder builder(MqttSettings settings) {
        return new Builder(settings);
    }

    /** What the bridge works with; everything but the settings, the store's ports and the household has a default. */
    public static final class Builder {
        private final MqttSettings settings;
        private Supplier<Household> household;
        private Clock clock = Clock.systemUTC();
        private Outbox outbox;
        private AnnouncedDevices announced;
        private Transactions transactions;
        private SafetyCheck safetyCheck = SafetyCheck.standard();
        private String version = "development build";
        private Backoff backoff = Backoff.standard();
        private Duration handOver = HAND_OVER;
        private PenLending lending;

        private Builder(MqttSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** A household that does not change while the bridge runs (the demo's, a test's). */
        public Builder household(Household household) {
            Objects.requireNonNull(household, "household");
            return household(() -> household);
        }

        /**
         * The household in force, asked as messages are made: a person added while the gateway runs is
         * announced and published (see {@link io.needleguard.household.HouseholdInForce}).
         */
        public Builder household(Supplier<Household> household) {
            this.household = household;
            return this;
        }

        /** Who a pen's next session is for, chosen over MQTT; without it lending is refused (a fixed household). */
        public Builder lending(PenLending lending) {
            this.lending = lending;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The history database's outbox, announced devices and transactions (they must be one store's). */
        public Builder store(Outbox outbox, AnnouncedDevices announced, Transactions transactions) {
            this.outbox = outbox;
            this.announced = announced;
            this.transactions = transactions;
            return this;
        }

        /** The rules in force: which areas each owner may needle at home. */
        public Builder safetyCheck(SafetyCheck safetyCheck) {
            this.safetyCheck = safetyCheck;
            return this;
        }

        /** needleguard's version, for the gateway device and the origin of every discovery config. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** How long Home Assistant is given to hand a legacy pen's entities over before their old topics are cleared. */
        public Builder handOver(Duration handOver) {
            this.handOver = handOver;
            return this;
        }

        /** Starts connecting; returns at once. */
        public MqttBridge start() {
            Objects.requireNonNull(household, "household");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(announced, "announced");
            Objects.requireNonNull(transactions, "transactions");
            Supplier<Household> inForce = household;
            Messages messages = new Messages(
                    new Topics(settings.root()), id -> inForce.get().zoneOf(id));
            return new MqttBridge(this, messages, new GatewayState(messages, version, clock));
        }
    }

    /** The gateway's retained state: its version, the outbox backlog and the pens it records. */
    private static final class GatewayState {
        private final Messages messages;
        private final String version;
        private final Clock clock;
        private volatile List<String> pens = List.of();
        private volatile BackupStatus backup = BackupStatus.OFF;

        GatewayState(Messages messages, String version, Clock clock) {
            this.messages = messages;
            this.version = version;
            this.clock = clock;
        }

        OutboundMessage message(int outbox) {
            return messages.gateway(version, outbox, pens, backup, clock.instant());
        }
    }

    /** The gateway's retained state says how its automatic backups stand: a failing one shows on the broker. */
    public void backupChanged(BackupStatus status) {
        gatewayState.backup = Objects.requireNonNull(status, "status");
        transport.retain(gatewayState.message(transport.waiting()));
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
                .listener(discovery)
                .listener(nextPerson);
    }

    /** Writes the messages of each change into the outbox, inside the change's transaction. */
    public ChangeLog changeLog() {
        return new OutboxChangeLog(messages, outbox);
    }

    /**
     * Once the gateway exists: carries out area commands for the pens it records, and log commands
     * (sessions logged by hand) for its people.
     */
    public void serve(Gateway gateway) {
        LogCommandHandler logCommands = new LogCommandHandler(
                messages, transport::retain, outbox, transport::drainSoon, household, gateway.handLog(), clock);
        AreaCommandHandler areaCommands = new AreaCommandHandler(
                messages,
                transport::retain,
                outbox,
                transport::drainSoon,
                gateway::recordedPens,
                areasOfPen,
                gateway::chooseArea,
                clock);
        SessionAssignCommandHandler assignCommands = new SessionAssignCommandHandler(
                messages,
                transport::retain,
                outbox,
                transport::drainSoon,
                (id, owner) -> gateway.recorder().assign(id, owner),
                clock);
        PersonCommandHandler personCommands = new PersonCommandHandler(
                messages,
                transport::retain,
                outbox,
                transport::drainSoon,
                gateway::recordedPens,
                lending,
                nextPerson::lent,
                clock);
        transport.subscribe(messages.topics().logCommands(), logCommands);
        transport.subscribe(messages.topics().personCommands(), personCommands);
        transport.subscribe(messages.topics().areaCommands(), areaCommands);
        transport.subscribe(messages.topics().sessionAssign(), assignCommands);
        // The count of refusals not answered is said when their minute is over, also when no command follows.
        later.scheduleWithFixedDelay(
                () -> {
                    logCommands.endRefusalWindows();
                    areaCommands.endRefusalWindows();
                    assignCommands.endRefusalWindows();
                    personCommands.endRefusalWindows();
                },
                REFUSALS_EVERY.toMillis(),
                REFUSALS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** {@code lending}, with each lending made through it published on {@code <root>/<pen>/person}. */
    public PenLending lending() {
        return nextPerson.announcing(lending);
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
        later.shutdownNow();
        states.close();
        transport.close();
    }

    /** What the gateway's events mean for MQTT, beyond pen states and discovery. */
    private final class Events implements GatewayListener {

        /** Each owner's latest alert as last sent: sent again only when it changes. */
        private final Map<String, byte[]> latestAlerts = new ConcurrentHashMap<>();

        /**
         * Someone removed from the household while the gateway runs: their retained next safe times and
         * latest alert are cleared (their history stays; Home Assistant discovery withdraws their device).
         */
        @Override
        public void householdChanged(Household now) {
            for (String gone : latestAlerts.keySet()) {
                if (now.owner(gone).isEmpty()) {
                    latestAlerts.remove(gone);
                    transport.retain(
                            new OutboundMessage(messages.topics().nextSafe(gone), new byte[0], Messages.QOS, true));
                    transport.retain(
                            new OutboundMessage(messages.topics().latestAlert(gone), new byte[0], Messages.QOS, true));
                }
            }
        }

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
        public void edited(RecordedSession now, RecordedSession before) {
            transport.drainSoon();
        }

        @Override
        public void deleted(RecordedSession was) {
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
            OutboundMessage alert = messages.latestAlert(status);
            byte[] was = latestAlerts.put(status.owner().id(), alert.payload());
            if (!Arrays.equals(was, alert.payload())) {
                transport.retain(alert);
            }
        }

        /** The gateway's state lists the pens it records. */
        @Override
        public void pensChanged(Set<String> pens) {
            gatewayState.pens = List.copyOf(new TreeSet<>(pens));
            transport.retain(gatewayState.message(transport.waiting()));
        }
    }
}
