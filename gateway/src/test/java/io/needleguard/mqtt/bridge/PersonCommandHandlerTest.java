package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.household.MemoryHouseholdRecords;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <root>/<pen>/person/set} (issue 22 item 1, a pen lent for one session) with the household API the
 * command line uses, and the retained {@code <root>/<pen>/person} state it moves.
 */
class PersonCommandHandlerTest {

    private static final Topics TOPICS = new Topics("needleguard");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T18:00:00Z"));
    private final HouseholdChanges changes = new HouseholdChanges(
            HouseholdFile.NONE,
            new MemoryHouseholdRecords(),
            Set.of("SIM-0001", "A/B")::contains,
            ZoneOffset.UTC,
            clock);
    private final List<OutboundMessage> retained = new CopyOnWriteArrayList<>();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final NextPersonPublisher published = new NextPersonPublisher(retained::add, TOPICS, changes);
    private final PersonCommandHandler handler = new PersonCommandHandler(
            new Messages(TOPICS, o -> ZoneOffset.UTC),
            retained::add,
            outbox,
            () -> {},
            () -> List.of("SIM-0001", "A/B"),
            changes,
            published::lent,
            clock);

    @BeforeEach
    void alexsPensAndSam() {
        changes.addPerson("alex", Optional.empty(), Optional.empty(), Optional.empty());
        changes.addPerson("sam", Optional.empty(), Optional.empty(), Optional.empty());
        published.pensChanged(Set.of("SIM-0001", "A/B"));
        retained.clear();
    }

    private void command(String topic, String payload, boolean isRetained) {
        handler.arrived(topic, payload.getBytes(StandardCharsets.UTF_8), isRetained);
    }

    private List<String> personStates() {
        return retained.stream()
                .filter(m -> m.topic().endsWith("/person"))
                .map(m -> m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8))
                .toList();
    }

    private JsonNode error() throws Exception {
        assertEquals(1, outbox.size(), "one answer on the error topic");
        OutboundMessage m = outbox.waiting().get(0);
        JsonNode json = SessionJson.MAPPER.readTree(m.payload());
        PayloadSchemas.assertValid(m.topic(), json);
        return json;
    }

    private RecordedSession session(String pen, Instant start) {
        Session s = new Session(
                new SessionId(pen, 1), "sam", Area.CHEEKS, Depth.ofMm("0.5"), 100, start, start.plusSeconds(600), "C1");
        return new RecordedSession(s, List.of(), start.plusSeconds(700));
    }

    @Test
    void aPersonChosenForAPensNextSessionIsItsStateUntilASessionUsesIt() {
        command("needleguard/SIM-0001/person/set", " sam\n", false);
        assertEquals("sam", changes.nextSessionFor("SIM-0001").id(), "lent as 'pens lend' does");
        assertEquals("alex", changes.nextSessionFor("A/B").id(), "the other pen is not lent");
        assertEquals(List.of("needleguard/SIM-0001/person sam"), personStates());
        assertEquals(0, outbox.size());

        // A session the pen stored before the lending, uploaded now: the lending still waits.
        published.recorded(session("SIM-0001", clock.instant().minusSeconds(3600)));
        assertEquals(List.of("needleguard/SIM-0001/person sam"), personStates(), "not sent again: unchanged");
        // The session it was lent for: the pen is alex's again, before the lending is closed.
        published.recorded(session("SIM-0001", clock.instant().plusSeconds(60)));
        assertEquals(List.of("needleguard/SIM-0001/person sam", "needleguard/SIM-0001/person alex"), personStates());
    }

    @Test
    void thePensOwnerGivesItBack() {
        command("needleguard/A_B/person/set", "sam", false);
        command("needleguard/A_B/person/set", "alex", false);
        assertEquals("alex", changes.nextSessionFor("A/B").id());
        assertEquals(List.of("needleguard/A_B/person sam", "needleguard/A_B/person alex"), personStates());
    }

    @Test
    void someoneNotInTheHouseholdIsAnsweredOnThePensErrorTopicAndChangesNothing() throws Exception {
        command("needleguard/SIM-0001/person/set", "kim", false);
        JsonNode error = error();
        assertEquals("needleguard/SIM-0001/error", outbox.waiting().get(0).topic());
        assertEquals("person/set", error.get("command").asText());
        assertEquals("SIM-0001", error.get("pen").asText());
        assertEquals("kim", error.get("payload").asText());
        assertTrue(
                error.get("error").asText().startsWith("'kim' is not in the household (alex, sam)"), error.toString());
        assertEquals("alex", changes.nextSessionFor("SIM-0001").id());
        assertEquals(List.of(), personStates());
    }

    @Test
    void aPenNotOfThisGatewayIsRefused() throws Exception {
        command("needleguard/OTHER/person/set", "sam", false);
        JsonNode error = error();
        assertEquals(
                "pen 'OTHER' is not paired with this gateway",
                error.get("error").asText());
        assertEquals(List.of(), personStates());
    }

    @Test
    void aRetainedCommandIsClearedNotObeyed() {
        command("needleguard/SIM-0001/person/set", "sam", true);
        assertEquals("alex", changes.nextSessionFor("SIM-0001").id());
        assertEquals(1, retained.size(), retained.toString());
        assertEquals("needleguard/SIM-0001/person/set", retained.get(0).topic());
        assertEquals(0, retained.get(0).payload().length, "the kept command is cleared");
        assertEquals(0, outbox.size());
    }

    @Test
    void aPenNoLongerRecordedHasItsStateCleared() {
        published.pensChanged(Set.of("SIM-0001"));
        assertEquals(1, retained.size(), retained.toString());
        assertEquals("needleguard/A_B/person", retained.get(0).topic());
        assertEquals(0, retained.get(0).payload().length);
    }
}
