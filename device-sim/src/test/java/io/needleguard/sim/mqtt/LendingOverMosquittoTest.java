package io.needleguard.sim.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.gateway.Gateway;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Depth;
import io.needleguard.session.SessionId;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.ble.SimBleBackend;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.time.VirtualClock;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 1 over a real Mosquitto, with a gateway wired as {@code needleguard run} wires it and a
 * simulated pen of alex's: the pen lent to sam for one session with {@code <root>/<pen>/person/set} (Home
 * Assistant's "Next session for" select), and a session given to sam afterwards with
 * {@code <root>/session/assign}; what Home Assistant and other subscribers see of each.
 */
class LendingOverMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Backoff QUICK =
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0, RandomGenerator.getDefault());
    private static final String PEN_CONFIG =
            "homeassistant/device/" + DiscoveryIds.pen("needleguard", "SIM-0001") + "/config";

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
    void aRunningGatewayWithAlexsPenAndSam() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        store = SqliteStore.open(dir.resolve("data"));
        HouseholdChanges changes = new HouseholdChanges(
                HouseholdFile.NONE, store.household(), Set.of("SIM-0001")::contains, ZoneOffset.UTC, clock);
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("sam", Optional.empty(), Optional.empty(), Optional.empty());
        changes.setPenOwner("SIM-0001", "alex");
        HouseholdInForce household = HouseholdInForce.of(changes);
        homeAssistant = new TestSubscriber(broker.url(), "homeassistant/#", "needleguard/#");
        air.add(pen);
        bridge = MqttBridge.builder(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"))
                .household(household)
                .lending(changes)
                .clock(clock)
                .store(store.outbox(), store.announced(), store.history().transactions())
                .backoff(QUICK)
                .start();
        gateway = bridge.wire(Gateway.builder()
                        .clock(clock)
                        .backend(new SimBleBackend(air))
                        .history(store.history())
                        .household(household)
                        .sessionOwners(changes)
                        .allowedPens(Set.of("SIM-0001")::contains)
                        .pens(() -> Set.of("SIM-0001")))
                .build();
        bridge.serve(gateway);
        gateway.start();
        assertTrue(gateway.awaitIdle(WAIT));
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
            PayloadSchemas.assertAllValid(homeAssistant.seen().stream()
                    .filter(m -> !m.topic().startsWith("homeassistant/"))
                    .toList());
            homeAssistant.close();
        }
        if (store != null) {
            store.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The first message on {@code topic} matching, from the {@code from}th seen on. */
    private Optional<TestSubscriber.Received> seen(int from, String topic, Predicate<JsonNode> matching) {
        List<TestSubscriber.Received> all = new ArrayList<>(homeAssistant.seen());
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(m -> m.topic().equals(topic) && matching.test(m.json()))
                .findFirst();
    }

    private void awaitSeen(int from, String topic, Predicate<JsonNode> matching, String what) {
        Await.until(
                () -> seen(from, topic, matching).isPresent(),
                WAIT,
                what,
                () -> homeAssistant.seen().stream()
                        .filter(m -> !m.topic().startsWith("homeassistant/"))
                        .map(m -> m.topic() + " " + m.json())
                        .toList());
    }

    private static Predicate<JsonNode> text(String expected) {
        return json -> json.isTextual() && json.asText().equals(expected);
    }

    /** One session on the pen, recorded. */
    private void session() throws InterruptedException {
        pen.start(Depth.ofMm("0.25"), 120, "C-" + pen.sessionCounter());
        clock.advance(Duration.ofMinutes(10));
        pen.stop();
        long counter = pen.sessionCounter();
        Await.until(
                () -> store.sessions()
                                .lastSession("SIM-0001")
                                .map(SessionId::counter)
                                .orElse(0L)
                        >= counter,
                WAIT,
                "session " + counter + " recorded");
        assertTrue(gateway.awaitIdle(WAIT));
        clock.advance(Duration.ofMinutes(1));
    }

    private static Predicate<JsonNode> sessionOf(long counter, String owner) {
        return json -> json.path("sessionId").asText().equals("SIM-0001:" + counter)
                && json.path("owner").asText().equals(owner);
    }

    @Test
    void aPenLentToSamForOneSessionRecordsItAsSamsThenAlexsAgain() throws Exception {
        awaitSeen(0, "needleguard/SIM-0001/person", text("alex"), "the pen's next session is alex's at start");
        awaitSeen(
                0,
                PEN_CONFIG,
                json -> {
                    List<String> options = new ArrayList<>();
                    json.path("components").path("person").path("options").forEach(o -> options.add(o.asText()));
                    return options.equals(List.of("alex", "sam"));
                },
                "Home Assistant's 'Next session for' select offers alex and sam");

        int before = homeAssistant.seen().size();
        homeAssistant.publish("needleguard/SIM-0001/person/set", "sam");
        awaitSeen(before, "needleguard/SIM-0001/person", text("sam"), "the pen's next session is sam's");

        int lent = homeAssistant.seen().size();
        session();
        awaitSeen(lent, "needleguard/SIM-0001/session", sessionOf(1, "sam"), "the lent session published as sam's");
        awaitSeen(lent, "needleguard/SIM-0001/person", text("alex"), "after it, the pen's next session is alex's");

        int back = homeAssistant.seen().size();
        session();
        awaitSeen(back, "needleguard/SIM-0001/session", sessionOf(2, "alex"), "the next session published as alex's");
        assertEquals(
                "alex",
                TestSubscriber.retainedAt(broker.url(), "needleguard/SIM-0001/person")
                        .get(0)
                        .json()
                        .asText(),
                "a Home Assistant starting now shows alex");
    }

    @Test
    void aSessionAssignedToSamIsPublishedAgainAsHersWithBothPeoplesNextSafeTimes() throws Exception {
        session();
        awaitSeen(0, "needleguard/SIM-0001/session", sessionOf(1, "alex"), "alex's session published");
        awaitSeen(0, "needleguard/alex/next-safe", json -> true, "alex's next safe times");

        int before = homeAssistant.seen().size();
        homeAssistant.publish("needleguard/session/assign", "{\"session\": \"SIM-0001:1\", \"owner\": \"sam\"}");
        awaitSeen(
                before,
                "needleguard/SIM-0001/session",
                sessionOf(1, "sam").and(json -> json.path("update").asBoolean()),
                "the session published again, as sam's");
        awaitSeen(before, "needleguard/sam/next-safe", json -> true, "sam's next safe times, after the assign");
        awaitSeen(before, "needleguard/alex/next-safe", json -> true, "alex's next safe times, after the assign");
        assertEquals(
                "sam",
                store.sessions()
                        .find(new SessionId("SIM-0001", 1))
                        .orElseThrow()
                        .session()
                        .owner(),
                "stored as sam's");
    }
}
