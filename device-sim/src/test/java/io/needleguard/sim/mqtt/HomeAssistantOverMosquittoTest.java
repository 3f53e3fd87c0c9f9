package io.needleguard.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.gateway.Gateway;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.mqtt.message.DeviceConfigs;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.SessionId;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.ble.SimBleBackend;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.time.VirtualClock;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home Assistant's side of a real Mosquitto, with a gateway recording a simulated pen: the device
 * configs a Home Assistant starting now would read, the states it would show after a restart, a
 * withdrawal that survives a restart before the broker is back, and the move of a pen announced one
 * entity at a time by the first versions.
 */
class HomeAssistantOverMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Backoff QUICK =
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0, RandomGenerator.getDefault());
    private static final Household HOUSEHOLD =
            new Household(List.of(new Owner("alex", ZoneOffset.UTC)), Map.of("SIM-0001", "alex"), ZoneOffset.UTC);
    private static final String PEN = "homeassistant/device/" + DiscoveryIds.pen("needleguard", "SIM-0001") + "/config";
    private static final String GATEWAY = "homeassistant/device/" + DiscoveryIds.gateway("needleguard") + "/config";
    private static final String ALEX = "homeassistant/device/" + DiscoveryIds.person("needleguard", "alex") + "/config";

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-02T18:00:00Z"), ZoneOffset.UTC);
    private final SimAir air = new SimAir();
    private final SimulatedPen pen = new SimulatedPen("SIM-0001", "sim-a1", clock);
    private Mosquitto broker;
    private SqliteStore store;
    private MqttBridge bridge;
    private Gateway gateway;
    private TestSubscriber homeAssistant;

    @BeforeEach
    void open() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        store = SqliteStore.open(dir.resolve("data"));
    }

    @AfterEach
    void close() throws Exception {
        stopGateway();
        if (homeAssistant != null) {
            PayloadSchemas.assertAllValid(homeAssistant.seen().stream()
                    .filter(m -> !m.topic().startsWith("homeassistant/"))
                    .toList());
            homeAssistant.close();
        }
        store.close();
        broker.close();
    }

    /** A gateway process recording {@code pens}, as {@code needleguard run} wires it. */
    private void startGateway(Set<String> pens) throws Exception {
        bridge = MqttBridge.builder(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"))
                .household(HOUSEHOLD)
                .clock(clock)
                .store(store.outbox(), store.announced(), store.history().transactions())
                .version("1.2.3")
                .backoff(QUICK)
                .handOver(Duration.ofMillis(500))
                .start();
        Gateway.Builder builder = Gateway.builder()
                .clock(clock)
                .backend(new SimBleBackend(air))
                .history(store.history())
                .household(HOUSEHOLD)
                .allowedPens(pens::contains)
                .pens(() -> pens);
        gateway = bridge.wire(builder).build();
        bridge.serve(gateway);
        gateway.start();
        assertTrue(gateway.awaitIdle(WAIT));
    }

    private void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
            assertTrue(gateway.awaitIdle(WAIT), "the gateway's threads finished");
            gateway = null;
        }
        if (bridge != null) {
            bridge.close(); // delivers what waits first, while the broker is there
            bridge = null;
        }
    }

    private void session(Area area, String depth) throws InterruptedException {
        gateway.chooseArea("SIM-0001", area);
        // The choice travels to the pen over the air; a session started before it arrives is the old area's.
        Await.until(() -> pen.selectedArea() == area, WAIT, "the chosen area written to the pen");
        pen.start(Depth.ofMm(depth), 120, "C-" + pen.sessionCounter());
        clock.advance(Duration.ofMinutes(10));
        pen.stop();
        // This session, not just any: a second session must not pass on the first one's account.
        long counter = pen.sessionCounter();
        Await.until(
                () -> store.sessions()
                                .lastSession("SIM-0001")
                                .map(SessionId::counter)
                                .orElse(0L)
                        >= counter,
                WAIT,
                "this session recorded");
        assertTrue(gateway.awaitIdle(WAIT));
    }

    /** What a Home Assistant (re)starting now reads: every retained message under {@code filter}, by topic. */
    private Map<String, JsonNode> retained(String filter) {
        Map<String, JsonNode> retained = new HashMap<>();
        try {
            for (TestSubscriber.Received m : TestSubscriber.retainedAt(broker.url(), filter)) {
                retained.put(m.topic(), m.json());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the retained messages under " + filter, e);
        }
        return retained;
    }

    /**
     * The configs Home Assistant received since the last look, up to now: the gateway's messages all
     * acknowledged by the broker, then everything the broker had for Home Assistant (configs go through
     * the outbox, so the broker had them before it acknowledged them).
     */
    private List<String> configsSent() throws Exception {
        assertTrue(bridge.awaitDelivered(WAIT), "the gateway's messages all delivered");
        return homeAssistant.upToNow().stream()
                .map(TestSubscriber.Received::topic)
                .filter(t -> t.endsWith("/config"))
                .toList();
    }

    @Test
    void homeAssistantReadsOneConfigPerDeviceAndAfterARestartTheTruthWithNoConfigSentAgain() throws Exception {
        homeAssistant = new TestSubscriber(broker.url(), "homeassistant/#", "needleguard/#");
        air.add(pen);
        startGateway(Set.of("SIM-0001"));
        session(Area.CHEEKS, "0.25");
        session(Area.FOREHEAD, "1.5"); // too deep for home use: an alert
        gateway.chooseArea("SIM-0001", Area.NOSE);
        Await.until(
                () -> retained("homeassistant/#").keySet().equals(Set.of(GATEWAY, ALEX, PEN)),
                WAIT,
                "one retained config per device",
                () -> retained("homeassistant/#").keySet());
        List<String> sent = configsSent();
        assertEquals(1, sent.stream().filter(GATEWAY::equals).count(), sent.toString());
        assertEquals(1, sent.stream().filter(ALEX::equals).count(), sent.toString());
        assertTrue(sent.stream().filter(PEN::equals).count() <= 2, "announced, then once more with its model: " + sent);

        JsonNode penConfig = retained("homeassistant/#").get(PEN);
        assertEquals("sim-a1", penConfig.path("device").path("model").asText());
        assertEquals(
                DiscoveryIds.gateway("needleguard"),
                penConfig.path("device").path("via_device").asText());

        stopGateway(); // a restart; the pen is away
        air.remove(pen);
        startGateway(Set.of("SIM-0001"));
        Await.until(
                () -> retained("needleguard/status").containsKey("needleguard/status"),
                WAIT,
                "the restarted gateway's availability");
        assertEquals(List.of(), configsSent(), "nothing changed: no config is sent again");

        JsonNode state = retained("needleguard/SIM-0001/state").get("needleguard/SIM-0001/state");
        assertEquals("nose", state.path("area").asText(), "the select shows the stored choice, not the last session's");
        assertEquals(
                "forehead",
                state.path("lastSession").path("area").asText(),
                () -> "states seen: "
                        + homeAssistant.seen().stream()
                                .filter(m -> m.topic().endsWith("/state"))
                                .map(m -> m.retained() + " " + m.json())
                                .toList());
        assertEquals(false, state.path("connected").asBoolean());
        JsonNode alert = retained("needleguard/alex/latest-alert").get("needleguard/alex/latest-alert");
        assertEquals("depth.home-limit", alert.path("alert").path("rule").asText(), alert.toString());
        JsonNode gatewayState = retained("needleguard/gateway").get("needleguard/gateway");
        assertEquals("1.2.3", gatewayState.path("version").asText());
        assertEquals("SIM-0001", gatewayState.path("pens").path(0).asText());
    }

    @Test
    void aPenForgottenWhileTheBrokerIsDownIsWithdrawnOnceItIsBackEvenAfterARestart() throws Exception {
        startGateway(Set.of("SIM-0001"));
        Await.until(() -> retained("homeassistant/#").containsKey(PEN), WAIT, "the pen's config retained");
        stopGateway();

        broker.stop();
        startGateway(Set.of()); // the pen was forgotten; the broker cannot be reached
        stopGateway(); // and the gateway restarts before it can
        assertTrue(store.outbox().size() > 0, "the withdrawal waits in the outbox");

        broker.start();
        startGateway(Set.of());
        Await.until(
                () -> retained("homeassistant/#").keySet().equals(Set.of(GATEWAY, ALEX)),
                WAIT,
                "no ghost device",
                () -> retained("homeassistant/#").keySet());
    }

    @Test
    void aPenTheFirstVersionsAnnouncedOneEntityAtATimeMovesToItsDeviceAndTheOldTopicsAreCleared() throws Exception {
        DeviceConfigs configs = new DeviceConfigs(new Topics("needleguard"), "homeassistant", "needleguard", "1.2.3");
        try (TestSubscriber earlier = new TestSubscriber(broker.url())) {
            for (String topic : configs.legacyKeptTopics("SIM-0001")) {
                earlier.publishRetained(topic, "{\"unique_id\":\"needleguard_SIM-0001_" + topic.split("/")[3] + "\"}");
            }
            for (String topic : configs.legacyMovedTopics("SIM-0001")) {
                earlier.publishRetained(topic, "{\"unique_id\":\"needleguard_SIM-0001_" + topic.split("/")[3] + "\"}");
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO announced_pen (pen) VALUES ('SIM-0001')");
        }
        homeAssistant = new TestSubscriber(broker.url(), "homeassistant/#");
        homeAssistant.upToNow(); // what was retained before

        startGateway(Set.of("SIM-0001"));
        String legacyDevice = "homeassistant/device/needleguard_SIM-0001/config";
        Optional<TestSubscriber.Received> device =
                homeAssistant.awaitMatch(m -> m.topic().equals(legacyDevice), WAIT);
        assertTrue(device.isPresent(), "the pen's device config, under its old id");
        assertEquals(
                "needleguard_SIM-0001_battery",
                device.get()
                        .json()
                        .path("components")
                        .path("battery")
                        .path("unique_id")
                        .asText());

        List<String> handedOver = homeAssistant.seen().stream()
                .filter(m -> m.json().path("migrate_discovery").asBoolean())
                .map(TestSubscriber.Received::topic)
                .toList();
        assertEquals(configs.legacyKeptTopics("SIM-0001"), handedOver, "each kept entity hands over first");

        Await.until(
                () -> retained("homeassistant/#").keySet().equals(Set.of(GATEWAY, ALEX, legacyDevice)),
                WAIT,
                "only the device configs remain",
                () -> retained("homeassistant/#").keySet());
    }
}
