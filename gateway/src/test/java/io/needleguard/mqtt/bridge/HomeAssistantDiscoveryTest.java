package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.InMemoryTransactions;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenIdentity;
import io.needleguard.mqtt.message.DeviceConfigs;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.AnnouncedDevices.Legacy;
import io.needleguard.outbox.MemoryAnnouncedDevices;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.threads.DaemonThreads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Home Assistant is told, and when: a config when it changes and not otherwise, withdrawals
 * through the outbox, ids kept across restarts, the move of pens announced the old way.
 */
class HomeAssistantDiscoveryTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration HAND_OVER = Duration.ofSeconds(10);

    private final Household household =
            new Household(List.of(new Owner("alex", BERLIN)), Map.of("SIM-0001", "alex", "SIM-0002", "alex"), BERLIN);
    private final DeviceConfigs configs =
            new DeviceConfigs(new Topics("needleguard"), "homeassistant", "needleguard", "1.2.3");
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final MemoryAnnouncedDevices announced = new MemoryAnnouncedDevices();
    private final AtomicInteger drains = new AtomicInteger();
    private final ScheduledExecutorService later = DaemonThreads.scheduler("test-discovery");

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    /** A gateway process: a fresh discovery over the same store. */
    private HomeAssistantDiscovery discovery(boolean enabled) {
        return new HomeAssistantDiscovery(
                configs,
                enabled,
                "needleguard",
                household,
                new HomeAssistantDiscovery.Wiring(
                        new InMemoryTransactions().with(outbox),
                        outbox,
                        announced,
                        drains::incrementAndGet,
                        owner -> MqttBridge.areasFor(SafetyCheck.standard(), owner)),
                HAND_OVER,
                later);
    }

    private List<OutboundMessage> sent() {
        List<OutboundMessage> all = outbox.waiting();
        outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
        return all;
    }

    private static List<String> topics(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::topic).toList();
    }

    private static String penTopic(String serial) {
        return "homeassistant/device/" + DiscoveryIds.pen("needleguard", serial) + "/config";
    }

    private static final String GATEWAY = "homeassistant/device/" + DiscoveryIds.gateway("needleguard") + "/config";
    private static final String ALEX = "homeassistant/device/" + DiscoveryIds.person("needleguard", "alex") + "/config";

    @Test
    void theGatewayThePersonAndEachPenAreOneRetainedConfigEach() {
        discovery(true).pensChanged(Set.of("SIM-0001", "SIM-0002"));
        List<OutboundMessage> sent = sent();
        assertEquals(List.of(GATEWAY, ALEX, penTopic("SIM-0001"), penTopic("SIM-0002")), topics(sent));
        assertTrue(sent.stream().allMatch(m -> m.retained() && m.payload().length > 0));
        assertEquals(4, announced.devices().size());
        assertTrue(drains.get() > 0, "sent at once");
    }

    @Test
    void aConfigGoesOutWhenItChangesAndNotOtherwise() throws Exception {
        HomeAssistantDiscovery discovery = discovery(true);
        discovery.pensChanged(Set.of("SIM-0001"));
        sent();

        discovery.pensChanged(Set.of("SIM-0001"));
        discovery(true).pensChanged(Set.of("SIM-0001")); // a restart
        assertEquals(List.of(), sent(), "nothing changed: nothing sent");

        PenIdentity identity = new PenIdentity("SIM-0001", "sim-a1", "sim-1.0.0", "C0:00:00:00:00:01");
        discovery.penIdentified(identity);
        List<OutboundMessage> sent = sent();
        assertEquals(List.of(penTopic("SIM-0001")), topics(sent), "only the pen whose description changed");
        JsonNode device = SessionJson.MAPPER.readTree(sent.get(0).payload()).get("device");
        assertEquals("sim-a1", device.path("model").asText());
        assertEquals(
                "C0:00:00:00:00:01", device.path("connections").path(0).path(1).asText());

        discovery.penIdentified(identity); // every reconnection says the same
        discovery(true).pensChanged(Set.of("SIM-0001")); // and a restart knows it from the start
        assertEquals(List.of(), sent());
    }

    @Test
    void aPenThatLeavesIsWithdrawnThroughTheOutboxAlsoWhenItLeftWhileTheGatewayWasStopped() {
        discovery(true).pensChanged(Set.of("SIM-0001", "SIM-0002"));
        sent();

        discovery(true).pensChanged(Set.of("SIM-0002")); // forgotten while stopped: the next start withdraws it
        List<OutboundMessage> sent = sent();
        assertEquals(List.of(penTopic("SIM-0001")), topics(sent));
        assertEquals(0, sent.get(0).payload().length, "an empty retained config removes the device and its entities");
        assertTrue(sent.get(0).retained());
        assertTrue(announced.devices().keySet().stream().noneMatch(id -> id.contains("SIM-0001")));
    }

    @Test
    void turningDiscoveryOffWithdrawsEverythingAnnounced() {
        discovery(true).pensChanged(Set.of("SIM-0001"));
        sent();
        discovery(false).pensChanged(Set.of("SIM-0001"));
        List<OutboundMessage> sent = sent();
        assertEquals(3, sent.size());
        assertTrue(sent.stream().allMatch(m -> m.payload().length == 0), "nothing is announced");
        assertEquals(Map.of(), announced.devices());
    }

    @Test
    void homeAssistantComingOnlineGetsEveryConfigAgain() {
        HomeAssistantDiscovery discovery = discovery(true);
        discovery.pensChanged(Set.of("SIM-0001"));
        sent();
        discovery.arrived("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(List.of(), sent(), "a birth message the broker kept is not a restart");
        discovery.arrived("homeassistant/status", "offline".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(List.of(), sent());
        discovery.arrived("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(Set.of(GATEWAY, ALEX, penTopic("SIM-0001")), Set.copyOf(topics(sent())));
    }

    @Test
    void aPenAnnouncedTheOldWayMovesToItsDeviceKeepingItsEntities() throws Exception {
        announced.announcedTheOldWay("SIM-0001");
        HomeAssistantDiscovery discovery = discovery(true);
        discovery.pensChanged(Set.of("SIM-0001"));

        List<OutboundMessage> sent = sent();
        String legacyTopic = "homeassistant/device/needleguard_SIM-0001/config";
        List<String> kept = configs.legacyKeptTopics("SIM-0001");
        int device = topics(sent).indexOf(legacyTopic);
        assertTrue(device > 0, topics(sent).toString());
        for (String old : kept) {
            int at = topics(sent).indexOf(old);
            assertTrue(at >= 0 && at < device, old + " hands over before the device config arrives");
            assertEquals("{\"migrate_discovery\":true}", new String(sent.get(at).payload(), StandardCharsets.UTF_8));
        }
        for (String moved : configs.legacyMovedTopics("SIM-0001")) {
            int at = topics(sent).indexOf(moved);
            assertTrue(at >= 0 && sent.get(at).payload().length == 0, moved + " is removed: its owner's device has it");
        }
        JsonNode config = SessionJson.MAPPER.readTree(sent.get(device).payload());
        assertEquals(
                "needleguard_SIM-0001",
                config.path("device").path("identifiers").path(0).asText());
        assertEquals(
                "needleguard_SIM-0001_battery",
                config.path("components").path("battery").path("unique_id").asText());
        assertEquals(Map.of("SIM-0001", Legacy.MIGRATED), announced.legacyPens());

        discovery.pensChanged(Set.of("SIM-0001"));
        assertEquals(List.of(), sent(), "Home Assistant is given time to hand over");

        discovery.handedOver(Set.of("SIM-0001")); // the scheduler, once HAND_OVER has passed
        List<OutboundMessage> cleared = sent();
        assertEquals(kept, topics(cleared));
        assertTrue(cleared.stream().allMatch(m -> m.payload().length == 0));
        assertEquals(Map.of(), announced.legacyPens());

        discovery(true).pensChanged(Set.of("SIM-0001"));
        assertEquals(List.of(), sent(), "after a restart the pen keeps its legacy id: nothing to announce again");
    }

    @Test
    void aMigrationInterruptedByARestartClearsTheOldTopicsAtTheNextStart() {
        announced.announcedTheOldWay("SIM-0001");
        discovery(true).pensChanged(Set.of("SIM-0001"));
        sent();
        discovery(true).pensChanged(Set.of("SIM-0001"));
        assertEquals(configs.legacyKeptTopics("SIM-0001"), topics(sent()));
        assertEquals(Map.of(), announced.legacyPens());
    }

    @Test
    void aPenAnnouncedTheOldWayThatIsNoLongerRecordedIsRemovedNotMigrated() {
        announced.announcedTheOldWay("OLD-PEN");
        discovery(true).pensChanged(Set.of("SIM-0001"));
        List<OutboundMessage> old = sent().stream()
                .filter(m -> m.topic().contains("needleguard_OLD-PEN/"))
                .toList();
        assertEquals(
                configs.legacyKeptTopics("OLD-PEN").size()
                        + configs.legacyMovedTopics("OLD-PEN").size(),
                old.size());
        assertTrue(old.stream().allMatch(m -> m.payload().length == 0));
        assertEquals(Map.of(), announced.legacyPens());
    }

    @Test
    void twoOldPensThatSharedAnIdAreBothAnnouncedAfreshRatherThanOneTakingTheOthersEntities() {
        announced.announcedTheOldWay("AB:CD");
        announced.announcedTheOldWay("AB_CD");
        new HomeAssistantDiscovery(
                        configs,
                        true,
                        "needleguard",
                        new Household(List.of(new Owner("alex", BERLIN)), Map.of(), BERLIN),
                        new HomeAssistantDiscovery.Wiring(
                                new InMemoryTransactions().with(outbox),
                                outbox,
                                announced,
                                drains::incrementAndGet,
                                owner -> MqttBridge.areasFor(SafetyCheck.standard(), owner)),
                        HAND_OVER,
                        later)
                .pensChanged(Set.of("AB:CD", "AB_CD"));
        List<String> topics = topics(sent());
        assertTrue(topics.contains(penTopic("AB:CD")), topics.toString());
        assertTrue(topics.contains(penTopic("AB_CD")), topics.toString());
        assertNotEquals(penTopic("AB:CD"), penTopic("AB_CD"));
    }
}
