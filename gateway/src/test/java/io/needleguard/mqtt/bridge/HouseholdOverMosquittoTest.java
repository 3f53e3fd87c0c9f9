package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.gateway.Gateway;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.link.FakeBle;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.retry.Backoff;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 1 over a real broker: a person added with {@code needleguard owner add} while {@code run}
 * runs (another process, another connection to the history) gets a Home Assistant device and their next
 * safe times at once, and a person removed has theirs withdrawn. Before: only after a restart.
 */
class HouseholdOverMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Backoff QUICK =
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0, RandomGenerator.getDefault());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T18:00:00Z"), ZoneOffset.UTC);
    private static final Topics TOPICS = new Topics("needleguard");

    @TempDir
    Path dir;

    private Mosquitto broker;
    private SqliteStore store;
    private final FakeBle ble = new FakeBle();
    private MqttBridge bridge;
    private Gateway gateway;
    private TestSubscriber homeAssistant;

    @BeforeEach
    void aRunningGatewayOfAlexAndCarol() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        store = SqliteStore.open(dir.resolve("data"));
        HouseholdChanges ours = changes(store);
        ours.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        ours.addPerson("carol", Optional.empty(), Optional.empty(), Optional.empty());
        HouseholdInForce household = HouseholdInForce.of(ours);
        bridge = MqttBridge.builder(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"))
                .household(household)
                .clock(CLOCK)
                .store(store.outbox(), store.announced(), store.history().transactions())
                .backoff(QUICK)
                .start();
        gateway = bridge.wire(Gateway.builder()
                        .clock(CLOCK)
                        .backend(ble)
                        .history(store.history())
                        .household(household)
                        .sessionOwners(ours)
                        .allowedPens(serial -> false))
                .build();
        bridge.serve(gateway);
        homeAssistant = new TestSubscriber(broker.url(), "homeassistant/#", "needleguard/#");
        gateway.start();
        Await.until(
                () -> homeAssistant.seen().stream().anyMatch(m -> m.topic().equals(personConfig("carol"))),
                WAIT,
                "carol announced at start",
                homeAssistant::seen);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (homeAssistant != null) {
            homeAssistant.close();
        }
        ble.close();
        if (store != null) {
            store.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static HouseholdChanges changes(SqliteStore store) {
        return new HouseholdChanges(HouseholdFile.NONE, store.household(), serial -> false, ZoneOffset.UTC, CLOCK);
    }

    private static String personConfig(String id) {
        return "homeassistant/device/" + DiscoveryIds.person("needleguard", id) + "/config";
    }

    @Test
    void bobAddedAndCarolRemovedByAnotherProcessAreAnnouncedAndWithdrawn() throws Exception {
        try (SqliteStore command = SqliteStore.open(dir.resolve("data"))) { // 'needleguard owner add bob'
            HouseholdChanges other = changes(command);
            other.addPerson("bob", Optional.of("Bob"), Optional.of(ZoneId.of("Asia/Tokyo")), Optional.empty());
            other.removePerson("carol");
        }
        Await.until(
                () -> homeAssistant.seen().stream()
                        .anyMatch(m -> m.topic().equals(personConfig("bob"))
                                && m.json().path("device").path("name").asText().contains("bob")),
                WAIT,
                "bob's Home Assistant device announced",
                homeAssistant::seen);
        Await.until(
                () -> homeAssistant.seen().stream().anyMatch(m -> m.topic().equals(TOPICS.nextSafe("bob"))),
                WAIT,
                "bob's next safe times published",
                homeAssistant::seen);
        Await.until(
                () -> homeAssistant.seen().stream()
                        .anyMatch(m -> m.topic().equals(personConfig("carol"))
                                && m.json().asText().isEmpty()
                                && !m.json().isObject()),
                WAIT,
                "carol's Home Assistant device withdrawn",
                homeAssistant::seen);

        List<String> retained = TestSubscriber.retainedAt(broker.url(), "#").stream()
                .map(TestSubscriber.Received::topic)
                .toList();
        assertTrue(retained.contains(personConfig("bob")), retained.toString());
        assertTrue(retained.contains(TOPICS.nextSafe("bob")), retained.toString());
        assertTrue(retained.contains(personConfig("alex")), retained.toString());
        assertEquals(
                List.of(),
                retained.stream()
                        .filter(t -> t.equals(personConfig("carol"))
                                || t.equals(TOPICS.nextSafe("carol"))
                                || t.equals(TOPICS.latestAlert("carol")))
                        .toList(),
                "nothing of carol's is retained");
    }
}
