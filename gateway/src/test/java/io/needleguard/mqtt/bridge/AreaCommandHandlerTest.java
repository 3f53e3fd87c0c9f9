package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AreaCommandHandlerTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T18:00:00Z"));
    private final List<String> chosen = new CopyOnWriteArrayList<>();
    private final List<OutboundMessage> retained = new CopyOnWriteArrayList<>();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final AtomicInteger drains = new AtomicInteger();
    private final AreaCommandHandler handler = new AreaCommandHandler(
            new Messages(new Topics("needleguard"), o -> ZoneOffset.UTC),
            retained::add,
            outbox,
            drains::incrementAndGet,
            () -> List.of("SIM-0001", "A/B"),
            pen -> MqttBridge.areasFor(SafetyCheck.standard(), new Owner("alex", ZoneOffset.UTC)),
            (pen, area) -> chosen.add(pen + " " + area),
            clock);

    private void command(String topic, String payload, boolean isRetained) {
        handler.arrived(topic, payload.getBytes(StandardCharsets.UTF_8), isRetained);
    }

    private JsonNode error() throws Exception {
        assertEquals(1, outbox.size(), "one answer on the error topic");
        OutboundMessage m = outbox.waiting().get(0);
        JsonNode json = SessionJson.MAPPER.readTree(m.payload());
        PayloadSchemas.assertValid(m.topic(), json);
        return json;
    }

    @Test
    void anAreaForAPenOfThisGatewayIsChosen() {
        command("needleguard/SIM-0001/area/set", " nose\n", false);
        command("needleguard/A_B/area/set", "chin", false);
        assertEquals(List.of("SIM-0001 nose", "A/B chin"), chosen);
        assertEquals(0, outbox.size());
    }

    @Test
    void somethingThatIsNotAnAreaIsAnsweredOnTheErrorTopicAndChangesNothing() throws Exception {
        command("needleguard/SIM-0001/area/set", "cheek", false);
        JsonNode error = error();
        assertEquals("area/set", error.get("command").asText());
        assertEquals("cheek", error.get("payload").asText());
        assertTrue(
                error.get("error")
                        .asText()
                        .startsWith("'cheek' is not an area (did you mean 'cheeks'?); use one of: "
                                + "unspecified, forehead"),
                error.toString());
        assertEquals("needleguard/SIM-0001/error", outbox.waiting().get(0).topic());
        assertEquals(1, drains.get(), "the answer is sent at once");
        assertEquals(List.of(), chosen);
    }

    @Test
    void anAreaThatIsNotForNeedlingAtHomeIsRefusedAsTheSelectDoesNotOfferIt() throws Exception {
        command("needleguard/SIM-0001/area/set", "eyelids", false);
        String problem = error().get("error").asText();
        assertTrue(
                problem.startsWith("'eyelids' is not for needling at home; use one of: unspecified, forehead"),
                problem);
        assertFalse(problem.substring(problem.indexOf("use one of")).contains("eyelids"), problem);
        assertEquals(List.of(), chosen);
    }

    @Test
    void aFloodOfBadCommandsIsNeitherAnsweredNorLoggedOneByOne() {
        try (LogCapture log = new LogCapture(AreaCommandHandler.class)) {
            for (int i = 0; i < 2_000; i++) {
                command("needleguard/SIM-0001/area/set", "cheek\nFAKE " + i, false);
            }
            assertEquals(10, outbox.size(), "ten answers a minute per topic");
            assertEquals(10, log.count("refused: "), log.messages().toString());

            clock.advance(Duration.ofMinutes(1));
            handler.endRefusalWindows(); // the bridge's timer, every few seconds
            assertEquals(
                    1,
                    log.count("refused 1990 more commands on needleguard/SIM-0001/area/set"),
                    log.messages().toString());
            command("needleguard/SIM-0001/area/set", "cheek", false);
            assertEquals(11, outbox.size(), "a new minute, a new answer");
            assertEquals(1, log.count("more commands"), "the count is said once");
            command("needleguard/SIM-0001/area/set", "nose", false);
            assertEquals(List.of("SIM-0001 nose"), chosen, "good commands are never held back");
        }
    }

    @Test
    void theEmptyMessageThatClearsAKeptCommandIsNotAnsweredWhenItComesBack() {
        try (LogCapture log = new LogCapture(AreaCommandHandler.class)) {
            command("needleguard/SIM-0001/area/set", "eyelids", true);
            assertEquals(1, retained.size(), "cleared with an empty retained message");
            // The broker hands that message to this gateway's own subscription as an ordinary one.
            command("needleguard/SIM-0001/area/set", "", false);
            assertEquals(0, outbox.size(), "no \"'' is not an area\" on the error topic");
            assertEquals(0, log.count("refused"), log.messages().toString());
            assertEquals(List.of(), chosen);
        }
    }

    @Test
    void commandsForMadeUpPensShareOneLimit() {
        for (int i = 0; i < 25; i++) {
            command("needleguard/FAKE-" + i + "/area/set", "nose", false);
        }
        assertEquals(10, outbox.size(), "ten answers a minute for all unknown pens together");
    }

    @Test
    void aHugePayloadIsAnsweredAtOnceAndQuotedShortAndEscaped() throws Exception {
        byte[] tenMegabytes = ("\u001b[2J" + "x".repeat(10 << 20)).getBytes(StandardCharsets.UTF_8);
        try (CpuBudget budget = new CpuBudget()) {
            budget.answer("10 MB", () -> {
                handler.arrived("needleguard/SIM-0001/area/set", tenMegabytes, false);
                return null;
            });
        }
        JsonNode error = error();
        assertEquals("\u001b[2J" + "x".repeat(36) + "…", error.get("payload").asText());
        assertTrue(
                error.get("error").asText().startsWith("'\\u001b[2J" + "x".repeat(36) + "…' is not an area"),
                error.toString());
    }

    @Test
    void aPenThatIsNotPairedIsAnsweredOnTheErrorTopic() throws Exception {
        command("needleguard/SIM-0009/area/set", "nose", false);
        assertEquals(
                "pen 'SIM-0009' is not paired with this gateway",
                error().get("error").asText());
        assertEquals(List.of(), chosen);
    }

    @Test
    void aCommandTheBrokerKeptIsNotObeyedButCleared() {
        command("needleguard/SIM-0001/area/set", "eyelids", true);
        assertEquals(List.of(), chosen, "commands are not state: an old one must not undo a later choice");
        assertEquals(1, retained.size());
        assertEquals("needleguard/SIM-0001/area/set", retained.get(0).topic());
        assertEquals(0, retained.get(0).payload().length, "an empty retained message clears it at the broker");
        assertTrue(retained.get(0).retained());

        command("needleguard/SIM-0001/area/set", "", true); // the clearing itself, coming back: nothing to do
        assertEquals(1, retained.size());
    }
}
