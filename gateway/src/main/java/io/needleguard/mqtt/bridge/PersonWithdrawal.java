package io.needleguard.mqtt.bridge;

import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.message.DeviceConfigs;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.AnnouncedDevices;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes an erased person off MQTT ({@code needleguard owner erase}), through the outbox so that a
 * broker that cannot be reached now gets it later: their retained topics are cleared (an empty
 * retained message removes one), their Home Assistant device is withdrawn, and messages about them
 * that still wait in the outbox are dropped instead of published after the erase.
 */
public final class PersonWithdrawal {

    private static final byte[] EMPTY = new byte[0];

    private final MqttSettings settings;
    private final Topics topics;
    private final DeviceConfigs configs;
    private final Outbox outbox;
    private final AnnouncedDevices announced;

    /** What the withdrawal does, said before it is done. */
    public record Plan(List<String> cleared, Optional<String> device) {
        public Plan {
            cleared = List.copyOf(cleared);
        }
    }

    public PersonWithdrawal(MqttSettings settings, Outbox outbox, AnnouncedDevices announced) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topics = new Topics(settings.root());
        this.configs = new DeviceConfigs(topics, settings.discovery().prefix(), settings.root(), "");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.announced = Objects.requireNonNull(announced, "announced");
    }

    /**
     * @param pens the pens that go with them: their retained states (which name their last session) are cleared
     */
    public Plan plan(String owner, List<String> pens) {
        List<String> cleared = new ArrayList<>(List.of(topics.nextSafe(owner), topics.latestAlert(owner)));
        pens.forEach(p -> cleared.add(topics.state(p)));
        return new Plan(cleared, deviceTopic(owner));
    }

    /** In the erase's transaction: drops what waits about them, then clears and withdraws. The messages dropped. */
    public int write(String owner, List<String> pens) {
        Plan plan = plan(owner, pens);
        int dropped = dropWaiting(owner, plan);
        plan.cleared().forEach(t -> outbox.add(new OutboundMessage(t, EMPTY, Messages.QOS, true)));
        plan.device().ifPresent(t -> outbox.add(new OutboundMessage(t, EMPTY, Messages.QOS, true)));
        announced.devices().values().stream()
                .filter(d -> d.kind().equals("person") && d.key().equals(owner))
                .forEach(d -> announced.withdrawn(d.id()));
        return dropped;
    }

    /** Their device's config topic: as announced, else (discovery on) where it would have been announced. */
    private Optional<String> deviceTopic(String owner) {
        Optional<String> known = announced.devices().values().stream()
                .filter(d -> d.kind().equals("person") && d.key().equals(owner))
                .map(d -> configs.deviceTopic(d.id()))
                .findFirst();
        if (known.isPresent() || !settings.discovery().enabled()) {
            return known;
        }
        return Optional.of(configs.deviceTopic(DiscoveryIds.person(settings.root(), owner)));
    }

    private int dropWaiting(String owner, Plan plan) {
        int dropped = 0;
        long after = 0;
        List<Outbox.Entry> batch;
        while (!(batch = outbox.oldestAfter(after, 500)).isEmpty()) {
            List<Long> theirs = batch.stream()
                    .filter(e -> isAbout(e.message(), owner, plan))
                    .map(Outbox.Entry::id)
                    .toList();
            outbox.acknowledge(theirs);
            dropped += theirs.size();
            after = batch.get(batch.size() - 1).id();
        }
        return dropped;
    }

    /** On their topics (sessions logged by hand, next safe times...), for their device, or a payload that is theirs. */
    boolean isAbout(OutboundMessage m, String owner, Plan plan) {
        if (m.topic().startsWith(settings.root() + "/" + Topics.level(owner) + "/")
                || plan.cleared().contains(m.topic())
                || plan.device().map(m.topic()::equals).orElse(false)) {
            return true;
        }
        return Messages.ownerNamedIn(m.payload()).map(owner::equals).orElse(false);
    }
}
