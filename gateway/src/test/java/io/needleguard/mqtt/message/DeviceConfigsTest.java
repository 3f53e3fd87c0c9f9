package io.needleguard.mqtt.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.session.Area;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The device discovery configs against what Home Assistant's MQTT integration requires of them (its
 * discovery.py and schemas.py): a device with identifiers, the origin block, components each with a
 * platform and a unique id, no {@code object_id} (ignored since 2026.4), only keys the platform knows,
 * device classes that exist for the platform with units they accept.
 */
class DeviceConfigsTest {

    private static final List<Area> HOME_AREAS =
            Stream.of(Area.values()).filter(a -> a != Area.EYELIDS).toList();

    /** The keys Home Assistant accepts on each platform, of those needleguard could use. */
    private static final Set<String> COMMON = Set.of(
            "platform",
            "name",
            "unique_id",
            "default_entity_id",
            "state_topic",
            "value_template",
            "json_attributes_topic",
            "json_attributes_template",
            "icon",
            "entity_category",
            "device_class");

    private static final Map<String, Set<String>> PLATFORM_KEYS = Map.of(
            "sensor", Set.of("unit_of_measurement", "state_class", "suggested_display_precision"),
            "binary_sensor", Set.of("payload_on", "payload_off"),
            "select", Set.of("command_topic", "options"));

    /** Home Assistant's device classes used here, with the units each accepts (empty: no unit). */
    private static final Map<String, Map<String, Set<String>>> DEVICE_CLASSES = Map.of(
            "sensor",
                    Map.of(
                            "battery",
                            Set.of("%"),
                            "duration",
                            Set.of("d", "h", "min", "s", "ms"),
                            "timestamp",
                            Set.of()),
            "binary_sensor", Map.of("connectivity", Set.of(), "safety", Set.of()));

    private final DeviceConfigs configs =
            new DeviceConfigs(new Topics("needleguard"), "homeassistant", "needleguard", "1.2.3");

    private ObjectNode pen() {
        return configs.pen(new DeviceConfigs.Pen(
                DiscoveryIds.pen("needleguard", "SIM-0001"),
                "SIM-0001",
                "alex",
                Optional.of("sim-a1"),
                Optional.of("sim-1.0.0"),
                Optional.of("C0:00:00:00:00:01"),
                HOME_AREAS,
                List.of("alex", "sam")));
    }

    private ObjectNode person() {
        return configs.person(DiscoveryIds.person("needleguard", "alex"), "alex", HOME_AREAS);
    }

    private List<ObjectNode> all() {
        return List.of(configs.gateway(), pen(), person());
    }

    @Test
    void everyDeviceConfigIsWhatHomeAssistantNeedsToRegisterItsEntities() {
        Set<String> uniqueIds = new HashSet<>();
        Set<String> entityIds = new HashSet<>();
        for (ObjectNode c : all()) {
            String id = c.path("device").path("identifiers").path(0).asText();
            assertTrue(configs.deviceTopic(id).matches("homeassistant/device/[A-Za-z0-9_-]+/config"), id);
            assertEquals("needleguard", c.path("origin").path("name").asText(), "origin is required");
            assertEquals("1.2.3", c.path("origin").path("sw_version").asText());
            assertTrue(c.path("origin").path("support_url").asText().startsWith("https://"));
            assertEquals(
                    "needleguard/status",
                    c.path("availability").path(0).path("topic").asText());
            assertFalse(c.has("availability_topic"), "availability and availability_topic must not be used together");
            assertFalse(c.toString().contains("object_id"), "object_id is no longer honoured");

            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("components").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode cmp = e.getValue();
                String platform = cmp.path("platform").asText();
                String where = id + "/" + e.getKey();
                assertTrue(PLATFORM_KEYS.containsKey(platform), where + ": platform " + platform);
                cmp.fieldNames()
                        .forEachRemaining(key -> assertTrue(
                                COMMON.contains(key)
                                        || PLATFORM_KEYS.get(platform).contains(key),
                                where + ": " + platform + " has no option " + key));
                assertTrue(uniqueIds.add(cmp.path("unique_id").asText()), where + ": unique_id is unique");
                String entityId = cmp.path("default_entity_id").asText();
                assertTrue(entityId.matches(platform + "\\.[a-z0-9_]+"), where + ": " + entityId);
                assertTrue(entityIds.add(entityId), where + ": default_entity_id is unique");
                assertTrue(cmp.path("state_topic").asText().startsWith("needleguard/"), where);
                assertTrue(cmp.hasNonNull("value_template"), where);
                if (cmp.has("device_class")) {
                    Map<String, Set<String>> classes = DEVICE_CLASSES.get(platform);
                    String deviceClass = cmp.get("device_class").asText();
                    assertTrue(
                            classes != null && classes.containsKey(deviceClass), where + ": no class " + deviceClass);
                    Set<String> units = classes.get(deviceClass);
                    if (units.isEmpty()) {
                        assertFalse(cmp.has("unit_of_measurement"), where + ": " + deviceClass + " takes no unit");
                    } else {
                        assertTrue(
                                units.contains(cmp.path("unit_of_measurement").asText()), where + ": unit");
                    }
                }
            }
        }
    }

    @Test
    void aPenLinksToTheGatewayWithItsBluetoothAddressAndDiagnosticBatteryAndConnection() {
        ObjectNode pen = pen();
        JsonNode device = pen.get("device");
        assertEquals(configs.gatewayId(), device.path("via_device").asText());
        assertEquals("bluetooth", device.path("connections").path(0).path(0).asText());
        assertEquals(
                "C0:00:00:00:00:01", device.path("connections").path(0).path(1).asText());
        assertEquals("sim-a1", device.path("model").asText());
        assertEquals("sim-1.0.0", device.path("sw_version").asText());
        assertEquals("SIM-0001", device.path("serial_number").asText());
        JsonNode cmps = pen.get("components");
        assertEquals("diagnostic", cmps.path("battery").path("entity_category").asText());
        assertEquals(
                "diagnostic", cmps.path("connected").path("entity_category").asText());
        assertEquals(
                List.of(
                        "battery",
                        "connected",
                        "last_depth",
                        "last_session",
                        "last_session_duration",
                        "area",
                        "person"),
                names(cmps));
    }

    @Test
    void depthIsMillimetresWithTwoDecimalsAndNeverConvertedToInches() {
        JsonNode depth = pen().get("components").get("last_depth");
        assertFalse(depth.has("device_class"), "a distance sensor is shown in inches on US-customary installs");
        assertEquals("mm", depth.path("unit_of_measurement").asText());
        assertEquals(2, depth.path("suggested_display_precision").asInt());
    }

    @Test
    void theAreaSelectOffersOnlyTheAreasForNeedlingAndSetsTheStoredChoice() {
        JsonNode area = pen().get("components").get("area");
        List<String> options = new ArrayList<>();
        area.get("options").forEach(o -> options.add(o.asText()));
        assertEquals(HOME_AREAS.stream().map(Area::id).toList(), options);
        assertFalse(options.contains("eyelids"));
        assertEquals("needleguard/SIM-0001/area/set", area.path("command_topic").asText());
        assertEquals("needleguard/SIM-0001/state", area.path("state_topic").asText());
    }

    @Test
    void theNextSessionForSelectOffersTheHouseholdsPeopleAndSetsWhoThePenIsLentTo() {
        JsonNode person = pen().get("components").get("person");
        assertEquals("select", person.path("platform").asText());
        List<String> options = new ArrayList<>();
        person.get("options").forEach(o -> options.add(o.asText()));
        assertEquals(List.of("alex", "sam"), options);
        assertEquals(
                "needleguard/SIM-0001/person/set", person.path("command_topic").asText());
        assertEquals("needleguard/SIM-0001/person", person.path("state_topic").asText());
    }

    @Test
    void whatIsAPersonsBelongsToThePersonNotToEachPen() {
        JsonNode cmps = person().get("components");
        List<String> names = names(cmps);
        assertTrue(
                names.containsAll(List.of("open_findings", "latest_alert", "safe_cheeks", "safe_upper_lip")),
                names.toString());
        assertFalse(names.contains("safe_eyelids"), "an area never needled at home has no safe time");
        assertEquals(
                "needleguard/alex/next-safe",
                cmps.path("safe_cheeks").path("state_topic").asText());
        assertEquals(
                "needleguard/alex/next-safe",
                cmps.path("safe_cheeks").path("json_attributes_topic").asText());
        assertEquals(
                "needleguard/alex/latest-alert",
                cmps.path("latest_alert").path("state_topic").asText());
        assertFalse(pen().toString().contains("next-safe"), "a pen shows no copy of its owner's next safe times");
    }

    @Test
    void theGatewayIsADeviceWithItsVersionConnectionOutboxAndPens() {
        ObjectNode gateway = configs.gateway();
        assertEquals("1.2.3", gateway.path("device").path("sw_version").asText());
        assertEquals(List.of("status", "outbox", "pens"), names(gateway.get("components")));
        assertEquals(
                "needleguard/gateway",
                gateway.path("components").path("outbox").path("state_topic").asText());
    }

    @Test
    void idsAreInjectiveAcrossLookalikeSerialsAndAcrossGateways() {
        Set<String> ids = new HashSet<>();
        for (String root : List.of("needleguard", "needleguard-flat2")) {
            for (String serial : List.of("AB:CD", "AB_CD", "AB.CD", "ab:cd")) {
                String id = DiscoveryIds.pen(root, serial);
                assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
                assertTrue(ids.add(id), "collides: " + id);
            }
            assertTrue(ids.add(DiscoveryIds.gateway(root)));
            assertTrue(ids.add(DiscoveryIds.person(root, "alex")));
        }
        assertEquals(DiscoveryIds.pen("needleguard", "AB:CD"), DiscoveryIds.pen("needleguard", "AB:CD"), "stable");
        assertNotEquals(DiscoveryIds.legacyPen("AB:CD"), DiscoveryIds.pen("needleguard", "AB:CD"));
    }

    @Test
    void aLegacyPensKeptTopicsAreThoseItsDeviceKeepsAndTheMovedOnesThoseOfItsOwner() {
        String node = DiscoveryIds.legacyPen("SIM-0001");
        assertEquals("needleguard_SIM-0001", node);
        List<String> kept = configs.legacyKeptTopics("SIM-0001");
        assertTrue(kept.contains("homeassistant/select/needleguard_SIM-0001/area/config"), kept.toString());
        // The device of a migrated pen takes the legacy id: its components' unique ids are the old ones.
        ObjectNode migrated = configs.pen(new DeviceConfigs.Pen(
                node, "SIM-0001", "alex", Optional.empty(), Optional.empty(), Optional.empty(), HOME_AREAS));
        for (String topic : kept) {
            String object = topic.split("/")[3];
            assertEquals(
                    node + "_" + object,
                    migrated.path("components").path(object).path("unique_id").asText(),
                    topic);
        }
        List<String> moved = configs.legacyMovedTopics("SIM-0001");
        assertTrue(
                moved.contains("homeassistant/sensor/needleguard_SIM-0001/next_safe_cheeks/config"), moved.toString());
        assertTrue(moved.contains("homeassistant/sensor/needleguard_SIM-0001/latest_alert/config"), moved.toString());
    }

    private static List<String> names(JsonNode components) {
        List<String> names = new ArrayList<>();
        components.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
