package io.needleguard.mqtt.message;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.history.SafetyStatus.AreaStatus;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.Finding;
import io.needleguard.rules.NextSafe;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every template of every discovery config, rendered with Jinjava (the Jinja dialect of Home
 * Assistant's templates) against the payloads the gateway really publishes, including payloads with
 * fields missing (an older gateway, an owner with no history). Each result is held to what Home
 * Assistant does with it: {@code None} makes a state unknown; anything else must parse for the entity
 * (a number, a timestamp, ON/OFF, one of the select's options); attribute templates give a JSON object.
 */
class HomeAssistantTemplatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-03-02T18:00:00Z");
    private static final Owner ALEX = new Owner("alex", BERLIN);
    private static final List<Area> HOME_AREAS =
            Stream.of(Area.values()).filter(a -> a != Area.EYELIDS).toList();

    private final Jinjava jinja = new Jinjava();
    private final Messages messages = new Messages(new Topics("needleguard"), owner -> BERLIN);
    private final DeviceConfigs configs = new DeviceConfigs(messages.topics(), "homeassistant", "needleguard", "1.2.3");

    private final RecordedSession lastSession = new RecordedSession(
            session("SIM-0001", 7, "alex", Instant.parse("2026-03-01T09:00:00Z"), Area.CHEEKS, "0.25", "C-1"),
            List.of(),
            Instant.parse("2026-03-01T09:10:05Z"));
    private final Finding spacing = new Finding(
            "spacing.min-interval",
            Severity.WARNING,
            "too soon after the last cheeks session",
            "[P]",
            NOW.plusSeconds(86_400));

    // ---- the payloads, as published ----

    private Map<String, String> penStates() {
        PenState unknown = PenState.unknown("SIM-0001", "alex");
        PenState full = unknown.withConnected(true)
                .withBattery(87)
                .withIdentity("sim-a1", "1.0")
                .withLive(true, Depth.ofMm("0.25"), 120, "C-1")
                .withArea(Area.CHEEKS)
                .withSession(lastSession);
        Map<String, String> states = new HashMap<>();
        states.put("unknown", text(messages.penState(unknown, NOW)));
        states.put("full", text(messages.penState(full, NOW)));
        ObjectNode missing = json(messages.penState(full, NOW));
        missing.remove(List.of("battery", "lastSession", "area", "connected"));
        states.put("missing fields", missing.toString());
        return states;
    }

    private Map<String, String> ownerStates() {
        SafetyStatus.OwnerStatus status = new SafetyStatus.OwnerStatus(
                ALEX,
                NOW,
                List.of(
                        new AreaStatus(Area.FOREHEAD, Optional.empty(), Optional.empty()),
                        new AreaStatus(
                                Area.CHEEKS,
                                Optional.of(new NextSafe(
                                        Optional.of(NOW.plusSeconds(86_400)),
                                        "spacing.min-interval",
                                        "14 days between cheeks sessions at 0.25 mm")),
                                Optional.empty()),
                        new AreaStatus(
                                Area.NOSE,
                                Optional.of(new NextSafe(
                                        Optional.empty(),
                                        "condition.active",
                                        "active acne: no needling until it ends")),
                                Optional.empty())),
                1,
                Optional.of(new SafetyStatus.Alert(lastSession.session(), spacing)));
        SafetyStatus.OwnerStatus quiet = new SafetyStatus.OwnerStatus(ALEX, NOW, List.of(), 0, Optional.empty());
        Map<String, String> states = new HashMap<>();
        states.put("next-safe", text(messages.nextSafe(status)));
        states.put("next-safe, no areas", text(messages.nextSafe(quiet)));
        ObjectNode missing = json(messages.nextSafe(status));
        missing.remove(List.of("areas", "openFindings"));
        states.put("next-safe, missing fields", missing.toString());
        states.put("alert", text(messages.latestAlert(status)));
        states.put("no alert", text(messages.latestAlert(quiet)));
        states.put("alert, missing", "{\"schemaVersion\":1}");
        return states;
    }

    private Map<String, String> gatewayStates() {
        return Map.of(
                "gateway", text(messages.gateway("1.2.3", 4, List.of("SIM-0001", "SIM-0002"), NOW)),
                "gateway, missing", "{\"status\":\"online\"}",
                "status online", "online",
                "status offline", "offline");
    }

    // ---- the tests ----

    @Test
    void everyPenTemplateGivesHomeAssistantAStateItAccepts() {
        JsonNode cmps = configs.pen(pen()).get("components");
        Map<String, String> states = penStates();
        for (Map.Entry<String, String> state : states.entrySet()) {
            renderAll(cmps, state.getKey(), state.getValue());
        }
        String full = states.get("full");
        assertEquals("87", value(cmps.get("battery"), full));
        assertEquals("ON", value(cmps.get("connected"), full));
        assertEquals("0.25", value(cmps.get("last_depth"), full));
        assertEquals("2026-03-01T10:10:00+01:00", value(cmps.get("last_session"), full));
        assertEquals("600", value(cmps.get("last_session_duration"), full));
        assertEquals("cheeks", value(cmps.get("area"), full), "the stored choice");

        String unknown = states.get("unknown");
        for (String unknownAfterStart :
                List.of("battery", "last_depth", "last_session", "last_session_duration", "area")) {
            assertEquals(
                    "None", value(cmps.get(unknownAfterStart), unknown), unknownAfterStart + " is unknown, not empty");
        }
        assertEquals("OFF", value(cmps.get("connected"), unknown));
    }

    @Test
    void everyPersonTemplateGivesHomeAssistantAStateItAccepts() throws Exception {
        JsonNode cmps = configs.person(DiscoveryIds.person("needleguard", "alex"), "alex", HOME_AREAS)
                .get("components");
        Map<String, String> states = ownerStates();
        for (Map.Entry<String, String> state : states.entrySet()) {
            renderAll(cmps, state.getKey(), state.getValue());
        }
        String nextSafe = states.get("next-safe");
        assertEquals("1", value(cmps.get("open_findings"), nextSafe));
        assertEquals("OFF", value(cmps.get("safe_forehead"), nextSafe), "safe now: the safety class shows Safe");
        assertEquals("ON", value(cmps.get("safe_cheeks"), nextSafe), "not yet: Unsafe");
        assertEquals("ON", value(cmps.get("safe_nose"), nextSafe));
        assertEquals("None", value(cmps.get("safe_chin"), nextSafe), "an area the payload does not list is unknown");

        Map<String, Object> cheeks = attributes(cmps.get("safe_cheeks"), nextSafe);
        assertEquals("2026-03-03T19:00:00+01:00", cheeks.get("next_safe_at"));
        assertEquals("spacing.min-interval", cheeks.get("rule"));
        assertEquals("14 days between cheeks sessions at 0.25 mm", cheeks.get("reason"));
        Map<String, Object> forehead = attributes(cmps.get("safe_forehead"), nextSafe);
        assertEquals(true, forehead.get("safe_now"));
        assertEquals(null, forehead.get("next_safe_at"), "safe now is no past timestamp");
        assertEquals(
                null,
                attributes(cmps.get("safe_nose"), nextSafe).get("next_safe_at"),
                "no date while a condition lasts");

        JsonNode alert = cmps.get("latest_alert");
        assertEquals("warning: spacing.min-interval", value(alert, states.get("alert")));
        assertEquals("none", value(alert, states.get("no alert")));
        assertEquals("none", value(alert, states.get("alert, missing")));
        Map<String, Object> attrs = attributes(alert, states.get("alert"));
        assertEquals("SIM-0001", attrs.get("pen"));
        assertEquals("too soon after the last cheeks session", attrs.get("message"));
        assertEquals(Map.of(), attributes(alert, states.get("no alert")));
    }

    @Test
    void everyGatewayTemplateGivesHomeAssistantAStateItAccepts() {
        JsonNode cmps = configs.gateway().get("components");
        for (Map.Entry<String, String> state : gatewayStates().entrySet()) {
            renderAll(cmps, state.getKey(), state.getValue());
        }
        String gateway = gatewayStates().get("gateway");
        assertEquals("4", value(cmps.get("outbox"), gateway));
        assertEquals("2", value(cmps.get("pens"), gateway));
        assertEquals(Map.of("pens", List.of("SIM-0001", "SIM-0002")), attributes(cmps.get("pens"), gateway));
        assertEquals("ON", value(cmps.get("status"), "online"));
        assertEquals("OFF", value(cmps.get("status"), "offline"));
    }

    // ---- what Home Assistant does with a rendered value ----

    /** Renders each component's templates against a payload on the topics it reads, and checks the result. */
    private void renderAll(JsonNode components, String payloadName, String payload) {
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            if (!reads(c, payload)) {
                continue;
            }
            String where = e.getKey() + " with " + payloadName;
            String value = value(c, payload);
            assertAccepted(c, value, where);
            if (c.has("json_attributes_template")) {
                attributes(c, payload); // a JSON object, or the test fails
            }
        }
    }

    /** Whether a payload is of the kind the component's state topic carries (JSON objects, or the status text). */
    private static boolean reads(JsonNode component, String payload) {
        boolean status = component.path("state_topic").asText().endsWith("/status");
        return status == !payload.startsWith("{");
    }

    private static void assertAccepted(JsonNode c, String value, String where) {
        if (value.equals("None")) {
            return; // unknown
        }
        assertTrue(!value.isEmpty(), where + ": an empty state is no state");
        switch (c.path("platform").asText()) {
            case "binary_sensor" -> assertTrue(value.equals("ON") || value.equals("OFF"), where + ": " + value);
            case "select" -> {
                List<String> options = new ArrayList<>();
                c.get("options").forEach(o -> options.add(o.asText()));
                assertTrue(options.contains(value), where + ": " + value + " is not an option");
            }
            case "sensor" -> {
                String deviceClass = c.path("device_class").asText("");
                if (deviceClass.equals("timestamp")) {
                    OffsetDateTime.parse(value);
                } else if (c.has("unit_of_measurement") || c.has("state_class")) {
                    Double.parseDouble(value);
                }
            }
            default -> fail(where + ": platform " + c.path("platform"));
        }
    }

    private String value(JsonNode component, String payload) {
        return render(component.get("value_template").asText(), payload).strip();
    }

    private Map<String, Object> attributes(JsonNode component, String payload) {
        String rendered = render(component.get("json_attributes_template").asText(), payload);
        try {
            return SessionJson.MAPPER.readValue(rendered, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new AssertionError("attributes are not a JSON object: " + rendered, e);
        }
    }

    /** As Home Assistant does: {@code value} is the payload, {@code value_json} the payload parsed, if it is JSON. */
    private String render(String template, String payload) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("value", payload);
        if (payload.startsWith("{")) {
            try {
                bindings.put(
                        "value_json",
                        SessionJson.MAPPER.readValue(payload, new TypeReference<Map<String, Object>>() {}));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        RenderResult result = jinja.renderForResult(template, bindings);
        List<TemplateError> errors = result.getErrors().stream().toList();
        assertTrue(errors.isEmpty(), template + " failed: " + errors);
        return result.getOutput();
    }

    private static DeviceConfigs.Pen pen() {
        return new DeviceConfigs.Pen(
                DiscoveryIds.pen("needleguard", "SIM-0001"),
                "SIM-0001",
                "alex",
                Optional.of("sim-a1"),
                Optional.of("1.0"),
                Optional.empty(),
                HOME_AREAS);
    }

    private static String text(OutboundMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    private static ObjectNode json(OutboundMessage m) {
        try {
            return (ObjectNode) SessionJson.MAPPER.readTree(m.payload());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
