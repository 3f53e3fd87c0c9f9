package io.needleguard.mqtt.message;

import io.needleguard.backup.BackupStatus;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what the gateway knows into the MQTT messages of the contract (src/docs/mqtt.md): topics,
 * payloads, QoS and the retained flag. Pure: no connection, no clock, no state; the same input gives
 * the same messages, so any process (the gateway, a command) can write them to the outbox.
 */
public final class Messages {

    /** Every message is sent at least once. */
    public static final int QOS = 1;

    private final Topics topics;
    private final Function<String, ZoneId> zoneOfOwner;

    /** @param zoneOfOwner the time zone an owner's times are written in */
    public Messages(Topics topics, Function<String, ZoneId> zoneOfOwner) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.zoneOfOwner = Objects.requireNonNull(zoneOfOwner, "zoneOfOwner");
    }

    public Topics topics() {
        return topics;
    }

    /**
     * The {@code owner} a JSON object payload names (a session, an alert, a hand entry...), or empty
     * when the payload is no JSON object or names none.
     */
    public static Optional<String> ownerNamedIn(byte[] payload) {
        return Payloads.owner(payload);
    }

    /**
     * A newly recorded session, then one alert per finding: under its pen, or, for a session logged by
     * hand, under its owner.
     */
    public List<OutboundMessage> recorded(RecordedSession recorded) {
        Session s = recorded.session();
        ZoneId zone = zoneOfOwner.apply(s.owner());
        List<OutboundMessage> messages = new ArrayList<>();
        messages.add(event(topics.session(s), Payloads.session(recorded, zone, false, false)));
        for (Finding f : recorded.findings()) {
            messages.add(event(topics.alert(s), Payloads.alert(s, f, zone, false, false)));
        }
        return messages;
    }

    /**
     * A stored session judged again: the session as an update, each new finding as an updated alert,
     * and each finding it lost as a resolved one.
     */
    public List<OutboundMessage> findingsChanged(RecordedSession recorded, List<Finding> previous) {
        Session s = recorded.session();
        ZoneId zone = zoneOfOwner.apply(s.owner());
        List<OutboundMessage> messages = new ArrayList<>();
        messages.add(event(topics.session(s), Payloads.session(recorded, zone, true, false)));
        for (Finding f : recorded.findings()) {
            if (!previous.contains(f)) {
                messages.add(event(topics.alert(s), Payloads.alert(s, f, zone, true, false)));
            }
        }
        for (Finding f : previous) {
            if (!recorded.findings().contains(f)) {
                messages.add(event(topics.alert(s), Payloads.alert(s, f, zone, true, true)));
            }
        }
        return messages;
    }

    /**
     * A session logged by hand, corrected: the session as an update, each finding it gained as an
     * updated alert, each it lost as a resolved one. Corrected to another person, it leaves the first
     * person's topics as a deleted session and comes to the other's as an update. A pen's session given
     * to another person ({@code history assign}) stays on its pen's topics: an update naming its new
     * owner, each finding it had resolved (they were the first person's) and each it has now as new.
     */
    public List<OutboundMessage> edited(RecordedSession now, RecordedSession before) {
        boolean reassigned = !now.session().owner().equals(before.session().owner());
        if (reassigned && !now.session().isHandEntry()) {
            Session was = before.session();
            ZoneId zone = zoneOfOwner.apply(was.owner());
            List<OutboundMessage> messages = new ArrayList<>();
            for (Finding f : before.findings()) {
                messages.add(event(topics.alert(was), Payloads.alert(was, f, zone, true, true)));
            }
            messages.addAll(findingsChanged(now, List.of()));
            return messages;
        }
        if (reassigned) {
            List<OutboundMessage> messages = new ArrayList<>(deleted(before));
            messages.addAll(findingsChanged(now, List.of()));
            return messages;
        }
        return findingsChanged(now, before.findings());
    }

    /**
     * A session logged by hand, deleted: the session once more, {@code deleted}, without findings or
     * aftercare, and each finding it had as a resolved alert.
     */
    public List<OutboundMessage> deleted(RecordedSession was) {
        Session s = was.session();
        ZoneId zone = zoneOfOwner.apply(s.owner());
        List<OutboundMessage> messages = new ArrayList<>();
        messages.add(event(topics.session(s), Payloads.session(was, zone, true, true)));
        for (Finding f : was.findings()) {
            messages.add(event(topics.alert(s), Payloads.alert(s, f, zone, true, true)));
        }
        return messages;
    }

    /** Findings about a pen that is running now (the session is not recorded yet). */
    public List<OutboundMessage> liveFindings(Session running, List<Finding> findings) {
        ZoneId zone = zoneOfOwner.apply(running.owner());
        return findings.stream()
                .map(f -> event(topics.alert(running), Payloads.liveAlert(running, f, zone)))
                .toList();
    }

    /** An owner's next safe time per area and open findings; retained. */
    public OutboundMessage nextSafe(SafetyStatus.OwnerStatus status) {
        return retained(topics.nextSafe(status.owner().id()), Payloads.nextSafe(status));
    }

    /** A pen's state as of {@code at}; retained. */
    public OutboundMessage penState(PenState state, Instant at) {
        return retained(topics.state(state.pen()), Payloads.penState(state, zoneOfOwner.apply(state.owner()), at));
    }

    /** An owner's latest open alert (or none); retained. */
    public OutboundMessage latestAlert(SafetyStatus.OwnerStatus status) {
        return retained(topics.latestAlert(status.owner().id()), Payloads.latestAlert(status));
    }

    /** The gateway's own state: its version, the messages waiting in the outbox, the pens it records; retained. */
    public OutboundMessage gateway(String version, int outbox, List<String> pens, Instant at) {
        return gateway(version, outbox, pens, BackupStatus.OFF, at);
    }

    /** The gateway's own state, with how its automatic backups stand; retained. */
    public OutboundMessage gateway(String version, int outbox, List<String> pens, BackupStatus backup, Instant at) {
        return retained(topics.gateway(), Payloads.gateway(version, outbox, pens, backup, at));
    }

    /** Why a command on a pen's command topic was not carried out. */
    public OutboundMessage commandError(String pen, String command, String payload, String problem) {
        return event(topics.error(pen), Payloads.commandError("pen", pen, command, payload, problem));
    }

    /** Why a command on {@code <root>/session/assign} was not carried out. */
    public OutboundMessage sessionCommandError(String command, String payload, String problem) {
        return event(topics.sessionError(), Payloads.commandError(command, payload, problem));
    }

    /** Why a command on a person's command topic (a session logged by hand) was not carried out. */
    public OutboundMessage ownerCommandError(String owner, String command, String payload, String problem) {
        return event(topics.error(owner), Payloads.commandError("owner", owner, command, payload, problem));
    }

    /** The gateway's availability, {@code online} or {@code offline}; retained (offline is also the Last Will). */
    public OutboundMessage availability(boolean online) {
        return retained(topics.status(), (online ? "online" : "offline").getBytes(StandardCharsets.UTF_8));
    }

    private static OutboundMessage event(String topic, byte[] payload) {
        return new OutboundMessage(topic, payload, QOS, false);
    }

    private static OutboundMessage retained(String topic, byte[] payload) {
        return new OutboundMessage(topic, payload, QOS, true);
    }
}
