package io.needleguard.mqtt.bridge;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
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
import io.needleguard.session.Area;
import io.needleguard.session.SessionId;
import io.needleguard.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code <root>/session/assign} against the real recorder over in-memory fakes: the session becomes the
 * other person's and goes out again, a refused command is answered on {@code <root>/session/error} and
 * changes nothing, a retained command is cleared, not obeyed.
 */
class SessionAssignCommandHandlerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final InMemoryHistory history = new InMemoryHistory();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<OutboundMessage> retained = new CopyOnWriteArrayList<>();
    private final Household household =
            new Household(List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)), Map.of("A1", "alex"), BERLIN);
    private final Messages messages = new Messages(new Topics("needleguard"), household::zoneOf);
    private final SessionAssignCommandHandler handler;
    private final SessionId lent = new SessionId("A1", 1);

    SessionAssignCommandHandlerTest() {
        history.transactions().with(outbox);
        SessionRecorder recorder = new SessionRecorder(
                history.history(),
                SafetyCheck.standard(),
                household,
                new TestClock(Instant.parse("2026-11-28T20:00:00Z")),
                RecorderListener.NONE,
                new OutboxChangeLog(messages, outbox));
        recorder.record(session("A1", 1, "alex", Instant.parse("2026-11-25T18:00:00Z"), Area.CHEEKS, "0.5", "C1"));
        outbox.oldest(100).forEach(e -> outbox.acknowledge(e.id()));
        handler = new SessionAssignCommandHandler(
                messages, retained::add, outbox, () -> {}, recorder::assign, new TestClock(Instant.EPOCH));
    }

    private void command(String payload, boolean isRetained) {
        handler.arrived("needleguard/session/assign", payload.getBytes(StandardCharsets.UTF_8), isRetained);
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

    private String owner() {
        return history.sessions().find(lent).orElseThrow().session().owner();
    }

    @Test
    void theSessionBecomesTheOtherPersonsAndGoesOutAgain() {
        command("{\"session\": \"A1:1\", \"owner\": \"sam\"}", false);
        assertEquals("sam", owner());
        List<OutboundMessage> out = outbox.waiting();
        assertEquals("needleguard/A1/session", out.get(out.size() - 1).topic(), out.toString());
        assertEquals("sam", json(out.get(out.size() - 1)).get("owner").asText());
    }

    @Test
    void refusalsAreAnsweredOnTheSessionErrorTopicAndChangeNothing() {
        for (String bad : List.of(
                "not json",
                "{\"session\": \"A1:1\"}",
                "{\"session\": \"A1\", \"owner\": \"sam\"}",
                "{\"session\": \"A1:9\", \"owner\": \"sam\"}",
                "{\"session\": \"A1:1\", \"owner\": \"kim\"}",
                "{\"session\": \"A1:1\", \"owner\": \"alex\"}")) {
            command(bad, false);
        }
        assertEquals("alex", owner());
        List<OutboundMessage> out = outbox.waiting();
        assertEquals(6, out.size(), out.toString());
        out.forEach(m -> assertEquals("needleguard/session/error", m.topic()));
        List<String> errors =
                out.stream().map(m -> json(m).get("error").asText()).toList();
        assertTrue(errors.get(0).contains("not JSON"), errors.get(0));
        assertTrue(errors.get(1).contains("give both"), errors.get(1));
        assertTrue(errors.get(3).contains("'needleguard history' lists"), errors.get(3));
        assertTrue(errors.get(4).contains("alex, sam"), errors.get(4));
        assertTrue(errors.get(5).contains("already alex's"), errors.get(5));
    }

    @Test
    void aRetainedCommandIsClearedNotObeyed() {
        command("{\"session\": \"A1:1\", \"owner\": \"sam\"}", true);
        assertEquals("alex", owner());
        assertEquals(1, retained.size());
        assertEquals("needleguard/session/assign", retained.get(0).topic());
    }
}
