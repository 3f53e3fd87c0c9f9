package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.link.PenIdentity;
import io.needleguard.mqtt.message.DiscoveryConfigs;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryAnnouncedPens;
import io.needleguard.outbox.OutboundMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which pens are announced to Home Assistant and withdrawn, remembered across restarts. */
class HomeAssistantDiscoveryTest {

    private final DiscoveryConfigs configs =
            new DiscoveryConfigs(new Topics("needleguard"), "homeassistant", pen -> "alex");
    private final List<OutboundMessage> published = new CopyOnWriteArrayList<>();
    private final MemoryAnnouncedPens announced = new MemoryAnnouncedPens();

    private HomeAssistantDiscovery discovery(boolean enabled) {
        return new HomeAssistantDiscovery(published::add, configs, enabled, announced);
    }

    private long withdrawals(String pen) {
        return published.stream()
                .filter(m -> m.topic().contains("needleguard_" + pen + "/") && m.payload().length == 0)
                .count();
    }

    @Test
    void thePensAreAnnouncedAndThoseThatLeftAreWithdrawn() {
        HomeAssistantDiscovery discovery = discovery(true);
        discovery.pensChanged(Set.of("SIM-0001", "SIM-0002"));
        assertEquals(Set.of("SIM-0001", "SIM-0002"), announced.announced());
        int perPen = configs.announce("SIM-0001", java.util.Optional.empty()).size();
        assertEquals(2 * perPen, published.size());
        assertTrue(published.stream().allMatch(OutboundMessage::retained));

        discovery.pensChanged(Set.of("SIM-0002"));

        assertEquals(Set.of("SIM-0002"), announced.announced());
        assertEquals(perPen, withdrawals("SIM-0001"), "one empty retained config per entity of the pen that left");
        assertEquals(0, withdrawals("SIM-0002"));
    }

    @Test
    void aPenThatLeftWhileTheGatewayWasStoppedIsWithdrawnAtTheNextStart() {
        announced.markAnnounced("OLD-PEN");
        discovery(true).pensChanged(Set.of("SIM-0001"));
        assertTrue(withdrawals("OLD-PEN") > 0);
        assertEquals(Set.of("SIM-0001"), announced.announced());
    }

    @Test
    void turningDiscoveryOffWithdrawsWhatWasAnnounced() {
        announced.markAnnounced("SIM-0001");
        discovery(false).pensChanged(Set.of("SIM-0001"));
        assertTrue(withdrawals("SIM-0001") > 0);
        assertEquals(Set.of(), announced.announced());
        assertTrue(published.stream().allMatch(m -> m.payload().length == 0), "nothing is announced");
    }

    @Test
    void aPenThatSaysWhatItIsIsAnnouncedWithItsModelAndFirmware() {
        discovery(true).penIdentified(new PenIdentity("SIM-0001", "sim-a1", "sim-1.0.0", "C0:00:00:00:00:01"));
        assertTrue(published.stream().anyMatch(m -> new String(m.payload()).contains("\"sw_version\":\"sim-1.0.0\"")));
    }
}
