package io.needleguard.sim.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test fixtures: scenario files from text, and a scenario written back as a file. */
final class ScenarioJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioJson() {}

    static Scenario read(String fileName, String json) {
        return new ScenarioReader().read(fileName, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The exception a reader throws for {@code json}; fails the test when it reads fine. */
    static ScenarioException errors(String fileName, String json) {
        try {
            Scenario scenario = read(fileName, json);
            throw new AssertionError("expected errors, but it read as " + scenario);
        } catch (ScenarioException e) {
            return e;
        }
    }

    /**
     * A scenario as a file, with every field written out.
     *
     * @param relativeAt write session times as durations after the start, or else as date-times
     */
    static String write(Scenario scenario, boolean relativeAt) {
        ZoneOffset offset = scenario.start().getOffset();
        ObjectNode root = JSON.createObjectNode();
        root.put("name", scenario.name());
        root.put("start", scenario.start().toString());
        ArrayNode owners = root.putArray("owners");
        for (ScenarioOwner owner : scenario.owners()) {
            ObjectNode node = owners.addObject()
                    .put("id", owner.id())
                    .put("zone", owner.zone().getId());
            owner.skinType().ifPresent(type -> node.put("skinType", type.id()));
        }
        ArrayNode pens = root.putArray("pens");
        for (ScenarioPen pen : scenario.pens()) {
            pens.addObject()
                    .put("serial", pen.serial())
                    .put("model", pen.model())
                    .put("owner", pen.owner());
        }
        ArrayNode conditions = root.putArray("conditions");
        for (ScenarioCondition condition : scenario.conditions()) {
            ObjectNode node = conditions
                    .addObject()
                    .put("owner", condition.owner())
                    .put("condition", condition.condition().id())
                    .put("from", at(condition.from(), offset));
            condition.until().ifPresent(until -> node.put("until", at(until, offset)));
        }
        ArrayNode sessions = root.putArray("sessions");
        for (ScenarioSession session : scenario.sessions()) {
            sessions.addObject()
                    .put("pen", session.pen())
                    .put(
                            "at",
                            relativeAt
                                    ? Duration.between(scenario.start().toInstant(), session.start())
                                            .toString()
                                    : at(session.start(), offset))
                    .put("area", session.area().id())
                    .put("depthMm", session.depth().mm())
                    .put("strokeHz", session.strokeHz())
                    .put("duration", session.duration().toString())
                    .put("cartridge", session.cartridge())
                    .put("offline", session.offline());
        }
        return root.toPrettyString();
    }

    private static String at(Instant instant, ZoneOffset offset) {
        return instant.atOffset(offset).toString();
    }
}
