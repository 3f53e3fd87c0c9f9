package io.needleguard.mqtt.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Area;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Home Assistant MQTT discovery, device-based (one retained {@code <prefix>/device/<id>/config} per
 * device, holding all its components): the gateway itself; each pen, linked to the gateway with
 * {@code via_device}; and each person, whose next safe times, open findings and latest alert belong
 * to them and not to each of their pens. Pure: the payloads, and the topics they go to.
 * src/docs/mqtt.md lists every entity and why it is as it is.
 */
public final class DeviceConfigs {

    /** Where the origin block sends a user who wants help. */
    public static final String SUPPORT_URL = "https://github.com/needleguard/needleguard";

    /**
     * What Home Assistant is told of a pen.
     *
     * @param id       its device id ({@link DiscoveryIds#pen}, or the legacy one it was first announced under)
     * @param owner    whose it is
     * @param model    as the pen said, once it said
     * @param areas    the areas the select offers: those its owner may needle at home
     * @param people   the household's people, whom the "Next session for" select offers (none: no select)
     */
    public record Pen(
            String id,
            String serial,
            String owner,
            Optional<String> model,
            Optional<String> firmware,
            Optional<String> address,
            List<Area> areas,
            List<String> people) {
        public Pen {
            Objects.requireNonNull(id, "id");
            areas = List.copyOf(areas);
            people = List.copyOf(people);
        }

        /** A pen without the "Next session for" select. */
        public Pen(
                String id,
                String serial,
                String owner,
                Optional<String> model,
                Optional<String> firmware,
                Optional<String> address,
                List<Area> areas) {
            this(id, serial, owner, model, firmware, address, areas, List.of());
        }
    }

    private final Topics topics;
    private final String prefix;
    private final String root;
    private final String version;

    /**
     * @param prefix  Home Assistant's discovery prefix ({@code homeassistant})
     * @param root    the MQTT root of this gateway's topics
     * @param version needleguard's version, for the origin block and the gateway device
     */
    public DeviceConfigs(Topics topics, String prefix, String root, String version) {
        this.topics = topics;
        this.prefix = prefix;
        this.root = root;
        this.version = version;
    }

    public String prefix() {
        return prefix;
    }

    /** Where a device's discovery config is retained. */
    public String deviceTopic(String deviceId) {
        return prefix + "/device/" + deviceId + "/config";
    }

    /**
     * The per-entity configs the first versions retained for a pen whose entities its device keeps
     * (same unique ids): told to hand over to the device config, so Home Assistant keeps their
     * entity ids, names and history.
     */
    public List<String> legacyKeptTopics(String serial) {
        String node = DiscoveryIds.legacyPen(serial);
        return List.of(
                legacyTopic("sensor", node, "battery"),
                legacyTopic("binary_sensor", node, "connected"),
                legacyTopic("sensor", node, "last_depth"),
                legacyTopic("sensor", node, "last_session"),
                legacyTopic("sensor", node, "last_session_duration"),
                legacyTopic("select", node, "area"));
    }

    /**
     * The per-entity configs the first versions retained on every pen for what is its owner's (open
     * findings, latest alert, next safe times): removed, their owner's device has them now.
     */
    public List<String> legacyMovedTopics(String serial) {
        String node = DiscoveryIds.legacyPen(serial);
        List<String> topics = new ArrayList<>();
        topics.add(legacyTopic("sensor", node, "open_findings"));
        topics.add(legacyTopic("sensor", node, "latest_alert"));
        for (Area a : Area.values()) {
            if (a != Area.EYELIDS) {
                topics.add(legacyTopic("sensor", node, "next_safe_" + a.id().replace('-', '_')));
            }
        }
        return topics;
    }

    private String legacyTopic(String component, String node, String object) {
        return prefix + "/" + component + "/" + node + "/" + object + "/config";
    }

    /** Home Assistant's birth topic: it says {@code online} when it (re)starts and wants every config again. */
    public String birthTopic() {
        return prefix + "/status";
    }

    public String gatewayId() {
        return DiscoveryIds.gateway(root);
    }

    /** The gateway: connected or not, the outbox backlog, the pens it records. */
    ObjectNode gateway() {
        String id = gatewayId();
        ObjectNode config = device(id, "needleguard gateway (" + root + ")", "Gateway", Optional.of(version));
        config.putObject("components");

        ObjectNode status = component(config, "status", "binary_sensor", "gateway", "Connected to the broker");
        status.put("state_topic", topics.status())
                .put("value_template", "{{ 'ON' if value == 'online' else 'OFF' }}")
                .put("device_class", "connectivity")
                .put("entity_category", "diagnostic");

        ObjectNode outbox = component(config, "outbox", "sensor", "gateway", "Messages waiting");
        outbox.put("state_topic", topics.gateway())
                .put("value_template", "{{ value_json.outbox if value_json.outbox is number else 'None' }}")
                .put("unit_of_measurement", "messages")
                .put("state_class", "measurement")
                .put("icon", "mdi:tray-full")
                .put("entity_category", "diagnostic");

        ObjectNode pens = component(config, "pens", "sensor", "gateway", "Pens recorded");
        pens.put("state_topic", topics.gateway())
                .put("value_template", "{{ value_json.pens | length if value_json.pens is sequence else 'None' }}")
                .put("json_attributes_topic", topics.gateway())
                .put("json_attributes_template", "{{ {'pens': value_json.pens} | tojson }}")
                .put("icon", "mdi:pen");
        return config;
    }

    /** A pen: its battery and connection (diagnostic), its last session, and the area of its next ones. */
    ObjectNode pen(Pen pen) {
        ObjectNode config = device(pen.id(), "Microneedling pen " + pen.serial(), null, pen.firmware());
        ObjectNode device = (ObjectNode) config.get("device");
        pen.model().ifPresent(m -> device.put("model", m));
        device.put("serial_number", pen.serial());
        pen.address()
                .ifPresent(a -> device.putArray("connections")
                        .addArray()
                        .add("bluetooth")
                        .add(a));
        device.put("via_device", gatewayId());
        String state = topics.state(pen.serial());
        config.putObject("components");

        ObjectNode battery = component(config, "battery", "sensor", pen.serial(), "Battery");
        battery.put("state_topic", state)
                .put("value_template", "{{ value_json.battery if value_json.battery is number else 'None' }}")
                .put("device_class", "battery")
                .put("unit_of_measurement", "%")
                .put("state_class", "measurement")
                .put("entity_category", "diagnostic");

        ObjectNode connected = component(config, "connected", "binary_sensor", pen.serial(), "Connected");
        connected
                .put("state_topic", state)
                .put(
                        "value_template",
                        "{% if value_json.connected is boolean %}{{ 'ON' if value_json.connected else 'OFF' }}{% else %}None{% endif %}")
                .put("device_class", "connectivity")
                .put("entity_category", "diagnostic");

        // Not the "distance" device class: Home Assistant would show a needle depth in inches on a
        // US-customary install. Millimetres, two decimals, as the pen sets them.
        ObjectNode depth = component(config, "last_depth", "sensor", pen.serial(), "Last depth");
        depth.put("state_topic", state)
                .put("value_template", "{{ value_json.lastSession.depthMm if value_json.lastSession else 'None' }}")
                .put("unit_of_measurement", "mm")
                .put("suggested_display_precision", 2)
                .put("state_class", "measurement")
                .put("icon", "mdi:needle");

        ObjectNode last = component(config, "last_session", "sensor", pen.serial(), "Last session");
        last.put("state_topic", state)
                .put("value_template", "{{ value_json.lastSession.end if value_json.lastSession else 'None' }}")
                .put("device_class", "timestamp");

        ObjectNode duration =
                component(config, "last_session_duration", "sensor", pen.serial(), "Last session duration");
        duration.put("state_topic", state)
                .put("value_template", "{{ value_json.lastSession.durationS if value_json.lastSession else 'None' }}")
                .put("device_class", "duration")
                .put("unit_of_measurement", "s");

        // The stored choice (the state's area), not the area of the pen's last status: it is known
        // after a restart and does not snap back while the pen is away.
        ObjectNode area = component(config, "area", "select", pen.serial(), "Area of the next sessions");
        area.put("state_topic", state)
                .put("value_template", "{{ value_json.area if value_json.area else 'None' }}")
                .put("command_topic", topics.areaCommand(pen.serial()))
                .put("icon", "mdi:face-woman-outline");
        ArrayNode options = area.putArray("options");
        pen.areas().forEach(a -> options.add(a.id()));

        // A pen lent for one session: its state is who the next session is for, the owner when not lent.
        if (!pen.people().isEmpty()) {
            ObjectNode person = component(config, "person", "select", pen.serial(), "Next session for");
            person.put("state_topic", topics.person(pen.serial()))
                    .put("value_template", "{{ value if value else 'None' }}")
                    .put("command_topic", topics.personCommand(pen.serial()))
                    .put("icon", "mdi:account-switch");
            ArrayNode people = person.putArray("options");
            pen.people().forEach(people::add);
        }
        return config;
    }

    /**
     * A person: for each area they may needle at home, whether it is safe now (with the next safe
     * time, the rule and its reason as attributes); their open findings; their latest alert.
     */
    ObjectNode person(String deviceId, String owner, List<Area> areas) {
        ObjectNode config = device(deviceId, "needleguard: " + owner, "Person", Optional.empty());
        ((ObjectNode) config.get("device")).put("via_device", gatewayId());
        String nextSafe = topics.nextSafe(owner);
        config.putObject("components");

        ObjectNode open = component(config, "open_findings", "sensor", owner, "Open findings");
        open.put("state_topic", nextSafe)
                .put("value_template", "{{ value_json.openFindings if value_json.openFindings is number else 'None' }}")
                .put("state_class", "measurement")
                .put("icon", "mdi:alert-circle-outline");

        // Retained, and computed from the history: known after a Home Assistant restart, and never a
        // finding that a later re-judgement resolved.
        String alertTopic = topics.latestAlert(owner);
        ObjectNode alert = component(config, "latest_alert", "sensor", owner, "Latest alert");
        alert.put("state_topic", alertTopic)
                .put(
                        "value_template",
                        "{{ value_json.alert.severity ~ ': ' ~ value_json.alert.rule if value_json.alert else 'none' }}")
                .put("json_attributes_topic", alertTopic)
                .put(
                        "json_attributes_template",
                        "{% if value_json.alert %}{{ value_json.alert | tojson }}{% else %}{}{% endif %}")
                .put("icon", "mdi:needle");

        for (Area a : areas) {
            // "Safe" or "Unsafe" (the safety class: on means unsafe) is a clear state; the next safe
            // time, the rule and why are attributes.
            String pick = "{% set a = value_json.areas | default([], true) | selectattr('area', 'equalto', '" + a.id()
                    + "') | list %}";
            ObjectNode safe =
                    component(config, "safe_" + a.id().replace('-', '_'), "binary_sensor", owner, "Needling " + a.id());
            safe.put("state_topic", nextSafe)
                    .put("value_template", pick + "{% if not a %}None{% elif a[0].safeNow %}OFF{% else %}ON{% endif %}")
                    .put("device_class", "safety")
                    .put("json_attributes_topic", nextSafe)
                    .put(
                            "json_attributes_template",
                            pick + "{% if a %}{{ {'safe_now': a[0].safeNow, 'next_safe_at': a[0].nextSafeAt, "
                                    + "'rule': a[0].rule, 'reason': a[0].reason} | tojson }}{% else %}{}{% endif %}");
        }
        return config;
    }

    private ObjectNode device(String id, String name, String model, Optional<String> swVersion) {
        ObjectNode config = SessionJson.MAPPER.createObjectNode();
        ObjectNode device = config.putObject("device");
        device.putArray("identifiers").add(id);
        device.put("name", name);
        device.put("manufacturer", "needleguard");
        if (model != null) {
            device.put("model", model);
        }
        swVersion.ifPresent(v -> device.put("sw_version", v));
        config.putObject("origin")
                .put("name", "needleguard")
                .put("sw_version", version)
                .put("support_url", SUPPORT_URL);
        config.putArray("availability")
                .addObject()
                .put("topic", topics.status())
                .put("payload_available", "online")
                .put("payload_not_available", "offline");
        config.put("qos", Messages.QOS);
        return config;
    }

    /**
     * One component of a device: its platform, name, ids.
     *
     * @param of whose entity it is, for the entity id Home Assistant suggests (serial, person, "gateway")
     */
    private static ObjectNode component(ObjectNode config, String id, String platform, String of, String name) {
        String deviceId = config.path("device").path("identifiers").path(0).asText();
        ObjectNode c = ((ObjectNode) config.get("components")).putObject(id);
        c.put("platform", platform);
        c.put("name", name);
        c.put("unique_id", deviceId + "_" + id);
        c.put("default_entity_id", DiscoveryIds.entityId(platform, of, id));
        return c;
    }

    /**
     * A device's config as it is published: the id it is announced under and its compact JSON. The
     * bridge compares and publishes these; only this package builds JSON (the layering test holds it).
     */
    public record Config(String deviceId, String json) {

        public Config {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(json, "json");
        }

        static Config of(ObjectNode config) {
            return new Config(
                    config.path("device").path("identifiers").path(0).asText(),
                    new String(Payloads.bytes(config), StandardCharsets.UTF_8));
        }
    }

    /** {@link #gateway()}, as published. */
    public Config gatewayConfig() {
        return Config.of(gateway());
    }

    /** {@link #pen(Pen)}, as published. */
    public Config penConfig(Pen pen) {
        return Config.of(pen(pen));
    }

    /** {@link #person(String, String, List)}, as published. */
    public Config personConfig(String deviceId, String owner, List<Area> areas) {
        return Config.of(person(deviceId, owner, areas));
    }
}
