package io.needleguard.mqtt.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.json.SessionJson;
import io.needleguard.link.PenIdentity;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.session.Area;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Home Assistant MQTT discovery configs: one device per pen, with sensors, a connectivity binary
 * sensor, the latest alert and a select for the area, all available while {@code <root>/status} is
 * online. Pure: the messages that announce a pen, and those that withdraw it.
 */
public final class DiscoveryConfigs {

    private final Topics topics;
    private final String prefix;
    private final Function<String, String> ownerOfPen;

    /**
     * @param prefix     Home Assistant's discovery prefix ({@code homeassistant})
     * @param ownerOfPen the owner id of a pen, whose next safe times the pen's device shows
     */
    public DiscoveryConfigs(Topics topics, String prefix, Function<String, String> ownerOfPen) {
        this.topics = topics;
        this.prefix = prefix;
        this.ownerOfPen = ownerOfPen;
    }

    /** The retained configs that announce a pen (with its model and firmware once it said them). */
    public List<OutboundMessage> announce(String pen, Optional<PenIdentity> identity) {
        List<OutboundMessage> messages = new ArrayList<>();
        configs(pen, identity)
                .forEach((topic, payload) ->
                        messages.add(new OutboundMessage(topic, Payloads.bytes(payload), Messages.QOS, true)));
        return messages;
    }

    /** Empty retained messages on every config topic of a pen: Home Assistant removes its entities. */
    public List<OutboundMessage> withdraw(String pen) {
        return configs(pen, Optional.empty()).keySet().stream()
                .map(topic -> new OutboundMessage(topic, new byte[0], Messages.QOS, true))
                .toList();
    }

    /** Every discovery config of a pen, by topic. */
    public Map<String, ObjectNode> configs(String pen, Optional<PenIdentity> identity) {
        String node = "needleguard_" + pen.replaceAll("[^A-Za-z0-9_-]", "_");
        String state = topics.state(pen);
        Map<String, ObjectNode> configs = new LinkedHashMap<>();

        ObjectNode battery = entity(node, pen, identity, "battery", "Battery", state, "{{ value_json.battery }}");
        battery.put("device_class", "battery").put("unit_of_measurement", "%").put("state_class", "measurement");
        configs.put(topic("sensor", node, "battery"), battery);

        ObjectNode connected = entity(
                node, pen, identity, "connected", "Connected", state, "{{ 'ON' if value_json.connected else 'OFF' }}");
        connected.put("device_class", "connectivity").put("payload_on", "ON").put("payload_off", "OFF");
        configs.put(topic("binary_sensor", node, "connected"), connected);

        ObjectNode depth = entity(
                node,
                pen,
                identity,
                "last_depth",
                "Last depth",
                state,
                "{{ value_json.lastSession.depthMm if value_json.lastSession else None }}");
        depth.put("device_class", "distance").put("unit_of_measurement", "mm").put("state_class", "measurement");
        configs.put(topic("sensor", node, "last_depth"), depth);

        ObjectNode last = entity(
                node,
                pen,
                identity,
                "last_session",
                "Last session",
                state,
                "{{ value_json.lastSession.end if value_json.lastSession else None }}");
        last.put("device_class", "timestamp");
        configs.put(topic("sensor", node, "last_session"), last);

        ObjectNode duration = entity(
                node,
                pen,
                identity,
                "last_session_duration",
                "Last session duration",
                state,
                "{{ value_json.lastSession.durationS if value_json.lastSession else None }}");
        duration.put("device_class", "duration").put("unit_of_measurement", "s");
        configs.put(topic("sensor", node, "last_session_duration"), duration);

        ObjectNode open =
                entity(node, pen, identity, "open_findings", "Open findings", state, "{{ value_json.openFindings }}");
        open.put("state_class", "measurement").put("icon", "mdi:alert-circle-outline");
        configs.put(topic("sensor", node, "open_findings"), open);

        ObjectNode alert = entity(
                node,
                pen,
                identity,
                "latest_alert",
                "Latest alert",
                topics.alert(pen),
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
            ObjectNode next = entity(
                    node,
                    pen,
                    identity,
                    id,
                    "Next safe: " + a.id(),
                    nextSafe,
                    "{% set s = value_json.areas | selectattr('area', 'eq', '" + a.id() + "') | first %}"
                            + "{{ value_json.at if s.safeNow else (s.nextSafeAt if s.nextSafeAt else None) }}");
            next.put("device_class", "timestamp");
            configs.put(topic("sensor", node, id), next);
        }
        return configs;
    }

    private String topic(String component, String node, String object) {
        return prefix + "/" + component + "/" + node + "/" + object + "/config";
    }

    private ObjectNode entity(
            String node,
            String pen,
            Optional<PenIdentity> identity,
            String object,
            String name,
            String stateTopic,
            String valueTemplate) {
        ObjectNode e = SessionJson.MAPPER.createObjectNode();
        e.put("name", name);
        e.put("unique_id", node + "_" + object);
        e.put("object_id", node + "_" + object);
        e.put("state_topic", stateTopic);
        e.put("value_template", valueTemplate);
        ArrayNode availability = e.putArray("availability");
        availability
                .addObject()
                .put("topic", topics.status())
                .put("payload_available", "online")
                .put("payload_not_available", "offline");
        ObjectNode device = e.putObject("device");
        device.putArray("identifiers").add(node);
        device.put("name", "Microneedling pen " + pen);
        device.put("manufacturer", "needleguard");
        identity.ifPresent(id -> device.put("model", id.model()).put("sw_version", id.firmware()));
        return e;
    }
}
