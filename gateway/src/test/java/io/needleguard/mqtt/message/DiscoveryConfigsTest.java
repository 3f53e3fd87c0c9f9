package io.needleguard.mqtt.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.link.PenIdentity;
import io.needleguard.session.Area;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The discovery configs against what Home Assistant's MQTT integration requires: a unique_id and a
 * device with identifiers (for the device registry), a state topic, availability on the gateway's
 * status, device classes that exist for the platform, and the units those classes accept.
 */
class DiscoveryConfigsTest {

    /** Home Assistant's device classes used here, with the units each accepts (empty: no unit). */
    private static final Map<String, Map<String, Set<String>>> DEVICE_CLASSES = Map.of(
            "sensor",
                    Map.of(
                            "battery", Set.of("%"),
                            "distance", Set.of("km", "m", "cm", "mm", "mi", "yd", "in", "ft"),
                            "duration", Set.of("d", "h", "min", "s", "ms"),
                            "timestamp", Set.of()),
            "binary_sensor", Map.of("connectivity", Set.of()));

    private final DiscoveryConfigs discovery =
            new DiscoveryConfigs(new Topics("needleguard"), "homeassistant", pen -> "alex");

    private Map<String, ObjectNode> configs() {
        return discovery.configs(
                "SIM-0001", Optional.of(new PenIdentity("SIM-0001", "sim-a1", "sim-1.0.0", "C0:00:00:00:00:01")));
    }

    @Test
    void everyConfigIsWhatHomeAssistantNeedsToRegisterTheEntity() {
        Set<String> uniqueIds = new HashSet<>();
        for (Map.Entry<String, ObjectNode> e : configs().entrySet()) {
            String topic = e.getKey();
            JsonNode c = e.getValue();
            assertTrue(
                    topic.matches("homeassistant/(sensor|binary_sensor|select)/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/config"),
                    topic);
            String component = topic.split("/")[1];

            assertTrue(
                    c.hasNonNull("unique_id")
                            && uniqueIds.add(c.get("unique_id").asText()),
                    "unique unique_id: " + topic);
            assertTrue(
                    c.get("device").get("identifiers").isArray()
                            && c.get("device").get("identifiers").size() > 0,
                    topic);
            assertEquals(
                    "needleguard_SIM-0001",
                    c.get("device").get("identifiers").get(0).asText());
            assertEquals("sim-a1", c.get("device").get("model").asText());
            assertEquals("sim-1.0.0", c.get("device").get("sw_version").asText());
            assertTrue(c.get("state_topic").asText().startsWith("needleguard/"), topic);
            assertTrue(c.hasNonNull("value_template"), topic);
            assertFalse(c.has("availability_topic"), "availability and availability_topic must not be used together");
            JsonNode availability = c.get("availability").get(0);
            assertEquals("needleguard/status", availability.get("topic").asText());
            assertEquals("online", availability.get("payload_available").asText());
            assertEquals("offline", availability.get("payload_not_available").asText());

            if (c.has("device_class")) {
                Map<String, Set<String>> classes = DEVICE_CLASSES.get(component);
                String deviceClass = c.get("device_class").asText();
                assertTrue(
                        classes != null && classes.containsKey(deviceClass),
                        component + " has no device class " + deviceClass);
                Set<String> units = classes.get(deviceClass);
                if (units.isEmpty()) {
                    assertFalse(c.has("unit_of_measurement"), topic + ": " + deviceClass + " takes no unit");
                } else {
                    assertTrue(
                            units.contains(c.path("unit_of_measurement").asText()),
                            topic + ": unit for " + deviceClass);
                }
            }
            if (component.equals("select")) {
                assertEquals(
                        "needleguard/SIM-0001/area/set", c.get("command_topic").asText());
                assertEquals(Area.values().length, c.get("options").size());
            }
        }
    }

    @Test
    void aPenIsOneDeviceWithTheSensorsASelectAndAConnectivitySensor() {
        Map<String, ObjectNode> configs = configs();
        Set<String> objects = new TreeSet<>();
        configs.keySet().forEach(t -> objects.add(t.split("/")[1] + "/" + t.split("/")[3]));
        assertTrue(
                objects.containsAll(List.of(
                        "sensor/battery",
                        "binary_sensor/connected",
                        "sensor/last_depth",
                        "sensor/last_session",
                        "sensor/last_session_duration",
                        "sensor/open_findings",
                        "sensor/latest_alert",
                        "select/area",
                        "sensor/next_safe_cheeks",
                        "sensor/next_safe_upper_lip")),
                objects.toString());
        assertFalse(objects.contains("sensor/next_safe_eyelids"), "an area never needled at home has no date to show");
        assertEquals(
                "needleguard/alex/next-safe",
                configs.get("homeassistant/sensor/needleguard_SIM-0001/next_safe_cheeks/config")
                        .get("state_topic")
                        .asText());
    }
}
