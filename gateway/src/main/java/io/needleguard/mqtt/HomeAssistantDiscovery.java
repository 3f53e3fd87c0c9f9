package io.needleguard.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenIdentity;
import io.needleguard.outbox.AnnouncedPens;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.session.Area;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant MQTT discovery: one device per pen, with sensors, a connectivity binary sensor, the
 * latest alert and a select for the area, all available while {@code <root>/status} is online.
 * Configs are retained; a pen that leaves the gateway has them withdrawn (an empty retained message),
 * remembered across restarts so a pen removed while the gateway was stopped is withdrawn too.
 */
public final class HomeAssistantDiscovery implements GatewayListener {

    private static final Logger log = LoggerFactory.getLogger(HomeAssistantDiscovery.class);

    private final MqttPublisher publisher;
    private final MqttSettings.Discovery settings;
    private final AnnouncedPens announced;
    private final Function<String, String> ownerOfPen;
    private final Topics topics;

    public HomeAssistantDiscovery(MqttPublisher publisher, AnnouncedPens announced, Function<String, String> ownerOfPen) {
        this.publisher = publisher;
        this.settings = publisher.settings().discovery();
        this.announced = announced;
        this.ownerOfPen = ownerOfPen;
        this.topics = publisher.topics();
    }

    /** Announces {@code pens} and withdraws every pen announced earlier that is not among them. */
    public void sync(Collection<String> pens) {
        Set<String> stale = new TreeSet<>(announced.announced());
        stale.removeAll(pens);
        stale.forEach(this::withdraw);
        if (settings.enabled()) {
            pens.forEach(pen -> announce(pen, Optional.empty()));
        } else {
            pens.stream().filter(announced.announced()::contains).forEach(this::withdraw);
        }
    }

    /** Once a pen says what it is, its device in Home Assistant shows the model and firmware. */
    @Override
    public void penIdentified(PenIdentity identity) {
        if (settings.enabled()) {
            announce(identity.serial(), Optional.of(identity));
        }
    }

    public void withdraw(String pen) {
        configs(pen, Optional.empty()).keySet().forEach(topic ->
                publisher.retain(new OutboundMessage(topic, new byte[0], 1, true)));
        announced.markWithdrawn(pen);
        log.info("withdrew pen {} from Home Assistant", pen);
    }

    private void announce(String pen, Optional<PenIdentity> identity) {
        configs(pen, identity).forEach((topic, payload) ->
                publisher.retain(new OutboundMessage(topic, SessionJson.write(payload).getBytes(StandardCharsets.UTF_8), 1, true)));
        announced.markAnnounced(pen);
    }

    /** Every discovery config of a pen, by topic. */
    Map<String, ObjectNode> configs(String pen, Optional<PenIdentity> identity) {
        String node = "needleguard_" + pen.replaceAll("[^A-Za-z0-9_-]", "_");
        String state = topics.state(pen);
        Map<String, ObjectNode> configs = new LinkedHashMap<>();

        ObjectNode battery = entity(node, pen, identity, "battery", "Battery", state, "{{ value_json.battery }}");
        battery.put("device_class", "battery").put("unit_of_measurement", "%").put("state_class", "measurement");
        configs.put(topic("sensor", node, "battery"), battery);

        ObjectNode connected = entity(node, pen, identity, "connected", "Connected", state,
                "{{ 'ON' if value_json.connected else 'OFF' }}");
        connected.put("device_class", "connectivity").put("payload_on", "ON").put("payload_off", "OFF");
        configs.put(topic("binary_sensor", node, "connected"), connected);

        ObjectNode depth = entity(node, pen, identity, "last_depth", "Last depth", state,
                "{{ value_json.lastSession.depthMm if value_json.lastSession else None }}");
        depth.put("device_class", "distance").put("unit_of_measurement", "mm").put("state_class", "measurement");
        configs.put(topic("sensor", node, "last_depth"), depth);

        ObjectNode last = entity(node, pen, identity, "last_session", "Last session", state,
                "{{ value_json.lastSession.end if value_json.lastSession else None }}");
        last.put("device_class", "timestamp");
        configs.put(topic("sensor", node, "last_session"), last);

        ObjectNode duration = entity(node, pen, identity, "last_session_duration", "Last session duration", state,
                "{{ value_json.lastSession.durationS if value_json.lastSession else None }}");
        duration.put("device_class", "duration").put("unit_of_measurement", "s");
        configs.put(topic("sensor", node, "last_session_duration"), duration);

        ObjectNode open = entity(node, pen, identity, "open_findings", "Open findings", state, "{{ value_json.openFindings }}");
        open.put("state_class", "measurement").put("icon", "mdi:alert-circle-outline");
        configs.put(topic("sensor", node, "open_findings"), open);

        ObjectNode alert = entity(node, pen, identity, "latest_alert", "Latest alert", topics.alert(pen),
                "{{ value_json.severity }}: {{ value_json.rule }}");
        alert.put("json_attributes_topic", topics.alert(pen)).put("icon", "mdi:needle");
        configs.put(topic("sensor", node, "latest_alert"), alert);

        ObjectNode area = entity(node, pen, identity, "area", "Area", state, "{{ value_json.area }}");
        area.put("command_topic", topics.areaCommand(pen));
        ArrayNode options = area.putArray("options");
        for (Area a : Area.values()) {
            options.add(a.id());
        }
        configs.put(topic("select", node, "area"), area);

        String nextSafe = topics.nextSafe(ownerOfPen.apply(pen));
        for (Area a : Area.values()) {
            if (a == Area.EYELIDS) {
                continue; // never needled at home: no date to show
            }
            String id = "next_safe_" + a.id().replace('-', '_');
            ObjectNode next = entity(node, pen, identity, id, "Next safe: " + a.id(), nextSafe,
                    "{% set s = value_json.areas | selectattr('area', 'eq', '" + a.id() + "') | first %}"
                            + "{{ value_json.at if s.safeNow else (s.nextSafeAt if s.nextSafeAt else None) }}");
            next.put("device_class", "timestamp");
            configs.put(topic("sensor", node, id), next);
        }
        return configs;
    }

    private String topic(String component, String node, String object) {
        return settings.prefix() + "/" + component + "/" + node + "/" + object + "/config";
    }

    private ObjectNode entity(String node, String pen, Optional<PenIdentity> identity, String object, String name, String stateTopic,
                              String valueTemplate) {
        ObjectNode e = SessionJson.MAPPER.createObjectNode();
        e.put("name", name);
        e.put("unique_id", node + "_" + object);
        e.put("object_id", node + "_" + object);
        e.put("state_topic", stateTopic);
        e.put("value_template", valueTemplate);
        ArrayNode availability = e.putArray("availability");
        availability.addObject().put("topic", topics.status()).put("payload_available", "online")
                .put("payload_not_available", "offline");
        ObjectNode device = e.putObject("device");
        device.putArray("identifiers").add(node);
        device.put("name", "Microneedling pen " + pen);
        device.put("manufacturer", "needleguard");
        identity.ifPresent(id -> device.put("model", id.model()).put("sw_version", id.firmware()));
        return e;
    }
}
