package io.needleguard.mqtt.bridge;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.link.PenIdentity;
import io.needleguard.mqtt.message.DiscoveryConfigs;
import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.outbox.OutboundMessage;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant MQTT discovery for the pens this gateway records: announced when they join, withdrawn
 * (empty retained configs) when they leave, remembered across restarts so a pen removed while the
 * gateway was stopped is withdrawn too.
 */
final class HomeAssistantDiscovery implements GatewayListener {

    private static final Logger log = LoggerFactory.getLogger(HomeAssistantDiscovery.class);

    private final Consumer<OutboundMessage> retain;
    private final DiscoveryConfigs configs;
    private final boolean enabled;
    private final AnnouncedPens announced;

    /** @param retain publishes a retained message (the transport's, or a test's list) */
    HomeAssistantDiscovery(
            Consumer<OutboundMessage> retain, DiscoveryConfigs configs, boolean enabled, AnnouncedPens announced) {
        this.retain = retain;
        this.configs = configs;
        this.enabled = enabled;
        this.announced = announced;
    }

    /** Announces {@code pens} and withdraws every pen announced earlier that is not among them. */
    @Override
    public void pensChanged(Set<String> pens) {
        Set<String> stale = new TreeSet<>(announced.announced());
        if (enabled) {
            stale.removeAll(pens);
        }
        stale.forEach(this::withdraw);
        if (enabled) {
            pens.forEach(pen -> announce(pen, Optional.empty()));
        }
    }

    /** Once a pen says what it is, its device in Home Assistant shows the model and firmware. */
    @Override
    public void penIdentified(PenIdentity identity) {
        if (enabled) {
            announce(identity.serial(), Optional.of(identity));
        }
    }

    private void withdraw(String pen) {
        configs.withdraw(pen).forEach(retain);
        announced.markWithdrawn(pen);
        log.info("withdrew pen {} from Home Assistant", pen);
    }

    private void announce(String pen, Optional<PenIdentity> identity) {
        configs.announce(pen, identity).forEach(retain);
        announced.markAnnounced(pen);
    }
}
