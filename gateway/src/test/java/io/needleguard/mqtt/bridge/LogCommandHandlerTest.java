package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Depth;
import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code <root>/<owner>/log} against the real hand log over in-memory fakes: a session logged from Home
 * Assistant goes out like any other, a refused command is answered on the person's error topic and
 * changes nothing, a kept (retained) command is cleared, not obeyed.
 */
class LogCommandHandlerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");

    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<OutboundMessage> retained = new CopyOnWriteArrayList<>();
    private final AtomicInteger drains = new AtomicInteger();
    private final Household household = new Household(
            List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)),
            Map.of(),
            List.of(new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5")))),
            BERLIN);
    private final Messages messages = new Messages(new Topics("needleguard"), household::zoneOf);
    private final TestClock clock = new TestClock(NOW);
    private final LogCommandHandler handler;

    LogCommandHandlerTest() {
        history.transactions().with(outbox);
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                household,
                clock,
                RecorderListener.NONE,
                new OutboxChangeLog(messages, outbox));
        handler = new LogCommandHandler(
                messages, retained::add, outbox, drains::incrementAndGet, household, recorder.handLog(), clock);
    }

    private void command(String topic, String payload, boolean isRetained) {
        handler.arrived(topic, payload.getBytes(StandardCharsets.UTF_8), isRetained);
    }

    private List<RecordedSession> stored() {
        return history.sessions().list(HistoryQuery.all());
    }

    private static JsonNode json(OutboundMessage m) {
        try {
            JsonNode json = SessionJson.MAPPER.readTree(m.payload());
            PayloadSchemas.assertValid(m.topic(), json);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one answer on the error topic; nothing else was published or stored. */
    private JsonNode refusal(String topic) {
        assertEquals(List.of(), stored(), "nothing logged");
        assertEquals(1, outbox.size(), "one answer: " + outbox.waiting());
        OutboundMessage m = outbox.waiting().get(0);
        assertEquals(topic, m.topic());
        assertEquals(1, drains.get(), "the answer is sent at once");
        JsonNode json = json(m);
        assertEquals("log", json.get("command").asText());
        return json;
    }

    @Test
    void aSessionLoggedOverMqttIsRecordedForThatPersonAndGoesOutLikeAnyOther() {
        command(
                "needleguard/alex/log",
                "{\"area\": \"cheeks\", \"duration\": \"8m\", \"at\": \"2026-11-28T19:00\", \"device\": \"roller-1\","
                        + " \"cartridge\": \"R-1\"}",
                false);

        RecordedSession r = stored().get(0);
        assertEquals("hand-1", r.session().id().toString());
        assertEquals("alex", r.session().owner());
        assertEquals(Depth.ofMm("0.5"), r.session().depth(), "the roller's needle length");
        assertEquals(Instant.parse("2026-11-28T18:00:00Z"), r.session().start(), "19:00 in alex's zone");
        List<OutboundMessage> out = outbox.waiting();
        assertEquals(
                List.of("needleguard/alex/session"),
                out.stream().map(OutboundMessage::topic).toList(),
                "no finding: a roller has no stroke rate to check, and its head's id is given");
        assertEquals("hand", json(out.get(0)).get("recordedBy").asText());
        assertEquals(List.of(), retained);
    }

    @Test
    void anAreaNotForNeedlingIsLoggedAndFlaggedNotRefused() {
        command("needleguard/sam/log", "{\"area\": \"eyelids\", \"depthMm\": 0.25}", false);
        assertEquals(1, stored().size());
        assertTrue(outbox.waiting().stream()
                .anyMatch(m -> m.topic().equals("needleguard/sam/alert")
                        && json(m).get("rule").asText().equals("area.not-for-needling")));
        assertTrue(outbox.waiting().stream().noneMatch(m -> m.topic().endsWith("/error")));
    }

    @Test
    void aCommandTheBrokerKeptIsClearedNotObeyed() {
        command("needleguard/alex/log", "{\"area\": \"cheeks\", \"device\": \"roller-1\"}", true);
        assertEquals(List.of(), stored());
        assertEquals(1, retained.size());
        assertEquals("needleguard/alex/log", retained.get(0).topic());
        assertEquals(0, retained.get(0).payload().length, "an empty retained message clears it");
        command("needleguard/alex/log", "", true);
        assertEquals(1, retained.size(), "the clearing message itself comes back retained and empty: left alone");
    }

    @Test
    void aPayloadThatIsNotAValidCommandIsAnsweredWithEveryProblem() {
        command(
                "needleguard/alex/log",
                "{\"area\": \"cheek\", \"depthMm\": \"0.5\", \"owner\": \"sam\", \"duration\": \"soon\"}",
                false);
        String error = refusal("needleguard/alex/error").get("error").asText();
        assertEquals(
                "$.owner: unknown field; allowed here: schemaVersion, area, depthMm, duration, at, cartridge, device; "
                        + "$.area: 'cheek' is not an area (did you mean 'cheeks'?); use one of: unspecified, forehead,"
                        + " periorbital, eyelids, nose, upper-lip, cheeks, chin, jawline, neck, decollete, hands, body; "
                        + "$.depthMm: \"0.5\" is a string; use the needle depth in mm, e.g. 0.5; "
                        + "$.duration: 'soon' is not a duration; use a duration such as 10m, 90s or 1h30m",
                error);
    }

    @Test
    void notJsonIsAnsweredToo() {
        command("needleguard/alex/log", "cheeks 0.5", false);
        JsonNode answer = refusal("needleguard/alex/error");
        assertTrue(
                answer.get("error").asText().startsWith("not JSON at line 1, column 8: Unrecognized token 'cheeks'"),
                answer.toString());
        assertEquals("cheeks 0.5", answer.get("payload").asText());
        assertEquals("alex", answer.get("owner").asText());
    }

    @Test
    void whatCannotBeASessionIsRefusedWithTheFix() {
        command("needleguard/alex/log", "{\"area\": \"cheeks\", \"depthMm\": 3.5}", false);
        assertEquals(
                "a depth of 3.50 mm is out of range: give 0.01 to 3.00 mm (no needling device for the skin goes"
                        + " deeper than 3 mm)",
                refusal("needleguard/alex/error").get("error").asText());
    }

    @Test
    void aSessionInTheFutureIsRefused() {
        command(
                "needleguard/alex/log",
                "{\"area\": \"cheeks\", \"depthMm\": 0.5, \"at\": \"2026-11-28T21:05:00+01:00\"}",
                false);
        assertTrue(refusal("needleguard/alex/error")
                .get("error")
                .asText()
                .startsWith(
                        "the session would start on Sat 28 Nov 2026 21:05 (Europe/Berlin), 5 minutes" + " from now"));
    }

    @Test
    void anUnknownDeviceOrPersonIsRefused() {
        command("needleguard/alex/log", "{\"area\": \"cheeks\", \"device\": \"roller-9\"}", false);
        assertEquals(
                "'roller-9' is not a device of this household; known: roller-1 (devices: in the configuration)",
                refusal("needleguard/alex/error").get("error").asText());
        outbox.oldest(10).forEach(e -> outbox.acknowledge(e.id()));
        drains.set(0);

        command("needleguard/kim/log", "{\"area\": \"cheeks\", \"depthMm\": 0.5}", false);
        assertEquals(
                "'kim' is not a person of this household; log on the topic of one of: alex, sam",
                refusal("needleguard/kim/error").get("error").asText());
    }

    @Test
    void aFloodOfBadCommandsIsAnsweredTenTimesAMinutePerTopic() {
        for (int i = 0; i < 25; i++) {
            command("needleguard/alex/log", "{\"area\": \"cheek\"}", false);
        }
        assertEquals(Refusals.PER_WINDOW, outbox.size(), "the rest is counted, not answered");
        clock.advance(Refusals.WINDOW);
        command("needleguard/alex/log", "{\"area\": \"cheek\"}", false);
        assertEquals(Refusals.PER_WINDOW + 1, outbox.size(), "a new minute, a new answer");
        assertEquals(List.of(), stored());
    }

    @Test
    void aNumberOfAbsurdSizeIsRefusedAtOnceWithAShortAnswer() {
        try (CpuBudget budget = new CpuBudget()) {
            for (String depth : List.of("1e300000000", "1e5000000", "-1e-999999999")) {
                String payload = "{\"area\": \"neck\", \"depthMm\": " + depth + ", \"duration\": \"5m\"}";
                budget.answer(depth, () -> {
                    command("needleguard/alex/log", payload, false);
                    return null;
                });
                String error = refusal("needleguard/alex/error").get("error").asText();
                assertTrue(error.startsWith("$.depthMm: "), error);
                assertTrue(error.length() < 200, "a short answer, not the number's digits: " + error.length());
                outbox.oldest(10).forEach(e -> outbox.acknowledge(e.id()));
                drains.set(0);
            }
        }
    }

    @Test
    void aNumberWhoseExponentIsBeyondAnIntIsASyntaxErrorNotAFailure() {
        // Jackson threw a bare NumberFormatException for it: the handler failed and nothing was answered.
        command("needleguard/alex/log", "{\"area\": \"neck\", \"depthMm\": 1e99999999999}", false);
        assertEquals(
                "not JSON at line 1, column 42: a number is beyond what can be read (its exponent is too large);"
                        + " send an object such as {\"area\": \"cheeks\", \"depthMm\": 0.5}",
                refusal("needleguard/alex/error").get("error").asText());
    }

    @Test
    void aPayloadLongerThanACommandIsRefusedUnreadAndQuotedShort() {
        String megabyte = "{\"area\": \"cheeks\", \"depthMm\": 0.5, \"cartridge\": \"" + "C".repeat(1 << 20) + "\"}";
        command("needleguard/alex/log", megabyte, false);
        JsonNode answer = refusal("needleguard/alex/error");
        assertEquals(
                "the payload is " + megabyte.length() + " bytes; a log command is at most 4096",
                answer.get("error").asText());
        assertEquals(megabyte.substring(0, 200) + "…", answer.get("payload").asText());
    }

    @Test
    void theEmptyMessageThatClearsAKeptCommandIsNotAnsweredWhenItComesBack() {
        try (LogCapture log = new LogCapture(LogCommandHandler.class)) {
            // The broker hands the clearing message to this gateway's own subscription, not retained.
            command("needleguard/alex/log", "", false);
            command("needleguard/kim/log", "", false);
            assertEquals(0, outbox.size(), "nothing on the error topic");
            assertEquals(List.of(), log.messages(), "nothing refused");
        }
    }

    @Test
    void commandsForMadeUpPeopleShareOneLimit() {
        for (int i = 0; i < 25; i++) {
            command("needleguard/nobody-" + i + "/log", "{\"area\": \"cheeks\"}", false);
        }
        assertEquals(Refusals.PER_WINDOW, outbox.size(), "ten answers a minute for all unknown people together");
        command("needleguard/alex/log", "{\"area\": \"cheek\"}", false);
        assertEquals(Refusals.PER_WINDOW + 1, outbox.size(), "a person of the household has a limit of their own");
    }

    @Test
    void theCountOfUnansweredRefusalsIsLoggedWhenTheMinuteIsOverWithoutWaitingForAnotherCommand() {
        try (LogCapture log = new LogCapture(LogCommandHandler.class)) {
            for (int i = 0; i < 25; i++) {
                command("needleguard/alex/log", "{\"area\": \"cheek\"}", false);
            }
            handler.endRefusalWindows();
            assertEquals(0, log.count("more commands"), "the minute is not over");
            clock.advance(Refusals.WINDOW);
            handler.endRefusalWindows();
            assertEquals(
                    1,
                    log.count("refused 15 more commands on needleguard/alex/log in a minute"),
                    log.messages().toString());
            handler.endRefusalWindows();
            assertEquals(1, log.count("more commands"), "said once");
        }
    }

    @Test
    void otherTopicsAreNotItsBusiness() {
        command("needleguard/SIM-0001/area/set", "cheeks", false);
        command("other/alex/log", "{\"area\": \"cheeks\", \"depthMm\": 0.5}", false);
        assertEquals(0, outbox.size());
        assertEquals(List.of(), stored());
    }
}
