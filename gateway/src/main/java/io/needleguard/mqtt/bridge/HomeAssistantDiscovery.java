package io.needleguard.mqtt.bridge;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.Transactions;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.link.PenIdentity;
import io.needleguard.mqtt.message.DeviceConfigs;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.AnnouncedDevices.Device;
import io.needleguard.outbox.AnnouncedDevices.Identity;
import io.needleguard.outbox.AnnouncedDevices.Legacy;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import io.needleguard.session.Area;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant MQTT discovery, device-based: the gateway, each pen it records and each person of
 * the household is one retained {@code <prefix>/device/<id>/config}. What was announced is kept in the
 * history database with the config itself, so a config goes out when it changes and not otherwise, a
 * device keeps the id it was first announced under, and a device that leaves (a forgotten pen, also
 * while the gateway was stopped) is withdrawn. Configs and withdrawals go through the outbox, in one
 * transaction with that record: a withdrawal survives a restart before the broker is reached.
 *
 * <p>Pens the first versions announced one entity at a time move to device discovery the way Home
 * Assistant documents it, keeping their entities and history: their old topics are told to hand over
 * ({@code {"migrate_discovery": true}}), the device config takes the same unique ids, and the old
 * topics are cleared once Home Assistant has had time to hand over.
 */
final class HomeAssistantDiscovery implements GatewayListener, MqttTransport.Inbound {

    private static final Logger log = LoggerFactory.getLogger(HomeAssistantDiscovery.class);
    private static final byte[] MIGRATE = "{\"migrate_discovery\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];

    /** What the discovery needs of the rest of the gateway. */
    record Wiring(
            Transactions transactions,
            Outbox outbox,
            AnnouncedDevices announced,
            Runnable drainSoon,
            Function<Owner, List<Area>> areasFor) {
        Wiring {
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(announced, "announced");
            Objects.requireNonNull(drainSoon, "drainSoon");
            Objects.requireNonNull(areasFor, "areasFor");
        }
    }

    private record Desired(String id, String kind, String key, String config) {}

    private final DeviceConfigs configs;
    private final boolean enabled;
    private final String root;
    private final Supplier<Household> household;
    private final Wiring wiring;
    private final Duration handOver;
    private final ScheduledExecutorService later;
    /**
     * Legacy pens this process told to hand over, until {@link #handOver} has passed: a real-time wait
     * for Home Assistant, not a time of the domain, so the scheduler measures it and not the clock.
     */
    private final Set<String> handingOver = new HashSet<>();

    private Set<String> pens;

    /**
     * @param enabled  whether discovery is on; when off, everything announced earlier is withdrawn
     * @param handOver how long Home Assistant is given to hand a legacy pen's entities over before
     *                 their old topics are cleared
     */
    HomeAssistantDiscovery(
            DeviceConfigs configs,
            boolean enabled,
            String root,
            Household household,
            Wiring wiring,
            Duration handOver,
            ScheduledExecutorService later) {
        this(configs, enabled, root, () -> household, wiring, handOver, later);
    }

    /** @param household the household in force: its people and pens' owners are announced as they change */
    HomeAssistantDiscovery(
            DeviceConfigs configs,
            boolean enabled,
            String root,
            Supplier<Household> household,
            Wiring wiring,
            Duration handOver,
            ScheduledExecutorService later) {
        this.configs = configs;
        this.enabled = enabled;
        this.root = root;
        this.household = household;
        this.wiring = wiring;
        this.handOver = handOver;
        this.later = later;
    }

    /** The pens this gateway records changed (or are known for the first time): announce and withdraw. */
    @Override
    public synchronized void pensChanged(Set<String> pens) {
        this.pens = Set.copyOf(pens);
        reconcile();
    }

    /**
     * A person added while the gateway runs gets their device, one removed has theirs withdrawn, and a pen
     * given to someone else is announced with its new owner's areas.
     */
    @Override
    public synchronized void householdChanged(Household now) {
        if (pens != null) {
            reconcile();
        }
    }

    /** Once a pen says what it is, its device shows the model, firmware and Bluetooth address. */
    @Override
    public synchronized void penIdentified(PenIdentity identity) {
        Identity said = new Identity(identity.serial(), identity.model(), identity.firmware(), identity.address());
        if (wiring.announced().identity(identity.serial()).equals(Optional.of(said))) {
            return;
        }
        wiring.announced().identified(said);
        if (pens != null) {
            reconcile();
        }
    }

    /** Home Assistant's birth message: it restarted, perhaps on a broker that lost the retained configs. */
    @Override
    public synchronized void arrived(String topic, byte[] payload, boolean retained) {
        if (retained || !enabled || !"online".equals(new String(payload, StandardCharsets.UTF_8).strip())) {
            return;
        }
        Map<String, Device> announced = wiring.announced().devices();
        wiring.transactions().atomically(() -> {
            announced.values().forEach(d -> publish(configs.deviceTopic(d.id()), bytes(d.config())));
            return null;
        });
        wiring.drainSoon().run();
        log.info("Home Assistant came online: sent it the {} device config(s) again", announced.size());
    }

    /** Home Assistant has had its time to hand these legacy pens over: their old topics can be cleared. */
    synchronized void handedOver(Set<String> serials) {
        handingOver.removeAll(serials);
        if (pens != null) {
            reconcile();
        }
    }

    private void reconcile() {
        AnnouncedDevices store = wiring.announced();
        Map<String, Legacy> legacy = store.legacyPens();
        Map<String, Device> announced = store.devices();
        Set<String> migrating = new TreeSet<>();
        boolean changed = wiring.transactions().atomically(() -> {
            boolean any = false;
            for (Map.Entry<String, Legacy> e : legacy.entrySet()) {
                String serial = e.getKey();
                if (e.getValue() == Legacy.ANNOUNCED) {
                    if (enabled && pens.contains(serial) && !legacyIdTaken(serial, legacy.keySet())) {
                        configs.legacyKeptTopics(serial).forEach(t -> publish(t, MIGRATE));
                        configs.legacyMovedTopics(serial).forEach(t -> publish(t, EMPTY));
                        store.legacyMigrated(serial);
                        handingOver.add(serial);
                        migrating.add(serial);
                        log.info("moving pen {} to device discovery; Home Assistant keeps its entities", serial);
                    } else {
                        clearLegacy(serial);
                    }
                    any = true;
                } else if (!handingOver.contains(serial)) { // told by an earlier process, or its time is up
                    configs.legacyKeptTopics(serial).forEach(t -> publish(t, EMPTY));
                    store.legacyCleared(serial);
                    any = true;
                }
            }
            Map<String, Desired> desired = enabled ? desired(announced, migrating) : Map.of();
            for (Desired d : desired.values()) {
                Device was = announced.get(d.id());
                if (was == null || !was.config().equals(d.config())) {
                    publish(configs.deviceTopic(d.id()), bytes(d.config()));
                    store.announced(new Device(d.id(), d.kind(), d.key(), d.config()));
                    any = true;
                }
            }
            for (Device was : announced.values()) {
                if (!desired.containsKey(was.id())) {
                    publish(configs.deviceTopic(was.id()), EMPTY);
                    store.withdrawn(was.id());
                    log.info("withdrew {} {} from Home Assistant", was.kind(), was.key());
                    any = true;
                }
            }
            return any;
        });
        if (changed) {
            wiring.drainSoon().run();
        }
        if (!migrating.isEmpty()) {
            later.schedule(() -> handedOver(migrating), handOver.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every device Home Assistant should know now, by id. */
    private Map<String, Desired> desired(Map<String, Device> announced, Set<String> migrating) {
        Map<String, Desired> desired = new LinkedHashMap<>();
        put(desired, "gateway", root, configs.gatewayConfig());
        Household now = household.get();
        for (Owner owner : now.owners()) {
            String id = idOf(announced, "person", owner.id(), DiscoveryIds.person(root, owner.id()));
            put(
                    desired,
                    "person",
                    owner.id(),
                    configs.personConfig(id, owner.id(), wiring.areasFor().apply(owner)));
        }
        for (String serial : new TreeSet<>(pens)) {
            String fresh = migrating.contains(serial) ? DiscoveryIds.legacyPen(serial) : DiscoveryIds.pen(root, serial);
            String id = idOf(announced, "pen", serial, fresh);
            Optional<Identity> identity = wiring.announced().identity(serial);
            Owner owner = now.ownerOfPen(serial);
            DeviceConfigs.Pen pen = new DeviceConfigs.Pen(
                    id,
                    serial,
                    owner.id(),
                    identity.map(Identity::model),
                    identity.map(Identity::firmware),
                    identity.map(Identity::address),
                    wiring.areasFor().apply(owner),
                    now.owners().stream().map(Owner::id).toList());
            put(desired, "pen", serial, configs.penConfig(pen));
        }
        return desired;
    }

    /** A device keeps the id it was first announced under (a migrated pen its legacy one). */
    private static String idOf(Map<String, Device> announced, String kind, String key, String fresh) {
        return announced.values().stream()
                .filter(d -> d.kind().equals(kind) && d.key().equals(key))
                .map(Device::id)
                .findFirst()
                .orElse(fresh);
    }

    private static void put(Map<String, Desired> desired, String kind, String key, DeviceConfigs.Config config) {
        desired.put(config.deviceId(), new Desired(config.deviceId(), kind, key, config.json()));
    }

    /**
     * Two legacy pens whose serials read alike (AB:CD, AB_CD) shared one legacy id: neither can keep
     * it without taking the other's entities, so both are announced afresh.
     */
    private static boolean legacyIdTaken(String serial, Set<String> legacy) {
        String id = DiscoveryIds.legacyPen(serial);
        return legacy.stream()
                .anyMatch(other ->
                        !other.equals(serial) && DiscoveryIds.legacyPen(other).equals(id));
    }

    private void clearLegacy(String serial) {
        configs.legacyKeptTopics(serial).forEach(t -> publish(t, EMPTY));
        configs.legacyMovedTopics(serial).forEach(t -> publish(t, EMPTY));
        wiring.announced().legacyCleared(serial);
        log.info("withdrew pen {}'s old per-entity configs from Home Assistant", serial);
    }

    private void publish(String topic, byte[] payload) {
        wiring.outbox().add(new OutboundMessage(topic, payload, Messages.QOS, true));
    }

    private static byte[] bytes(String config) {
        return config.getBytes(StandardCharsets.UTF_8);
    }
}
