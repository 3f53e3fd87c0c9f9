package io.needleguard.mqtt;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.TestSubscriber.Received;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttPublisherTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-01-08T20:00:00Z");
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    private static final Finding SPACING = new Finding("spacing.min-interval", Severity.WARNING, "too soon", "Alam 2014 [P]",
            Instant.parse("2026-01-18T23:00:00Z"));
    private static final Finding DEPTH = new Finding("depth.home-limit", Severity.CRITICAL, "too deep", "[M]", null);
    /** Fast retries so a test that starts the broker late does not wait a minute. */
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0, RandomGenerator.getDefault());

    private EmbeddedBroker broker;
    private MqttPublisher publisher;
    private TestSubscriber subscriber;

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            PayloadSchemas.assertAllValid(subscriber.seen());
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void connect(String root) throws Exception {
        broker = EmbeddedBroker.start();
        subscriber = new TestSubscriber(broker.url(), root + "/+/session", root + "/+/alert", root + "/+/error");
        publisher = MqttPublisher.start(MqttSettings.of(broker.url(), "needleguard-test", root), owner -> BERLIN, CLOCK,
                new MemoryOutbox(1000), QUICK);
    }

    /** What the recorder does: the change log inside the transaction, then the listener after it. */
    private void record(RecordedSession r) {
        publisher.changeLog().recorded(r);
        publisher.recorded(r);
    }

    private static RecordedSession recorded(Session s, List<Finding> findings) {
        return new RecordedSession(s, findings, NOW);
    }

    @Test
    void aRecordedSessionArrivesAsTheSameJsonTheHistoryPrintsWithOneAlertPerFinding() throws Exception {
        connect("needleguard");
        RecordedSession r = recorded(session("SIM-0001", 2, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-0002"),
                List.of(DEPTH, SPACING));

        record(r);
        List<Received> messages = subscriber.take(3, WAIT);

        assertEquals(3, messages.size());
        Received session = messages.get(0);
        assertEquals("needleguard/SIM-0001/session", session.topic());
        assertEquals(1, session.qos());
        assertFalse(session.retained());
        ObjectNode expected = SessionJson.MAPPER.createObjectNode().put("schemaVersion", 1);
        expected.setAll(SessionJson.toJson(r, BERLIN));
        expected.put("update", false);
        assertEquals(SessionJson.write(expected), SessionJson.write(session.json()));
        assertEquals("2026-01-08T20:00:00+01:00", session.json().get("start").asText());
        assertEquals(r, SessionJson.fromJson(session.json(), NOW));

        JsonNode depthAlert = messages.get(1).json();
        assertEquals("needleguard/SIM-0001/alert", messages.get(1).topic());
        assertEquals("depth.home-limit", depthAlert.get("rule").asText());
        assertEquals("critical", depthAlert.get("severity").asText());
        assertEquals("SIM-0001:2", depthAlert.get("sessionId").asText());
        assertFalse(depthAlert.has("nextSafeAt"));
        assertFalse(depthAlert.get("update").asBoolean());
        JsonNode spacingAlert = messages.get(2).json();
        assertEquals("2026-01-19T00:00:00+01:00", spacingAlert.get("nextSafeAt").asText());
        assertEquals("2026-01-08T20:00:00+01:00", spacingAlert.get("sessionStart").asText());

        assertTrue(publisher.awaitDelivered(WAIT));
        assertEquals(3, publisher.published());
        assertEquals(3, publisher.delivered());
    }

    @Test
    void reEvaluatedFindingsArePublishedAsUpdatesAndRemovedOnesAsResolved() throws Exception {
        connect("needleguard");
        Session s = session("SIM-0001", 3, "2026-01-10T19:00:00Z", Area.CHEEKS, "0.5", "C-3");

        RecordedSession changed = recorded(s, List.of(SPACING));
        publisher.changeLog().findingsChanged(changed, List.of(DEPTH));
        publisher.findingsChanged(changed, List.of(DEPTH));
        List<Received> messages = subscriber.take(3, WAIT);

        assertEquals(3, messages.size());
        assertTrue(messages.get(0).json().get("update").asBoolean());
        assertEquals(List.of("spacing.min-interval"), messages.get(0).json().findValuesAsText("rule"));
        JsonNode added = messages.get(1).json();
        assertEquals("spacing.min-interval", added.get("rule").asText());
        assertTrue(added.get("update").asBoolean());
        assertFalse(added.get("resolved").asBoolean());
        JsonNode resolved = messages.get(2).json();
        assertEquals("depth.home-limit", resolved.get("rule").asText());
        assertTrue(resolved.get("resolved").asBoolean());
    }

    @Test
    void publishesUnderAConfiguredRootAndKeepsOddSerialsToOneTopicLevel() throws Exception {
        connect("home/skin");
        record(recorded(session("A/B+C#D", 1, "2026-01-08T19:00:00Z", Area.NOSE, "0.25", "C-1"), List.of()));

        List<Received> messages = subscriber.take(1, WAIT);

        assertEquals(1, messages.size());
        assertEquals("home/skin/A_B_C_D/session", messages.get(0).topic());
        assertEquals("A/B+C#D", messages.get(0).json().get("pen").asText());
    }

    @Test
    void keepsMessagesWhileTheBrokerIsDownAtStartAndDeliversThemWhenItComesUp() throws Exception {
        int port = EmbeddedBroker.freePort();
        String url = "tcp://127.0.0.1:" + port;
        publisher = MqttPublisher.start(MqttSettings.of(url, "needleguard-test", "needleguard"), owner -> BERLIN, CLOCK,
                new MemoryOutbox(1000), QUICK);

        record(recorded(session("SIM-0001", 1, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-1"), List.of(SPACING)));
        assertEquals(2, publisher.published());
        assertFalse(publisher.awaitDelivered(Duration.ofMillis(300)));
        assertEquals(0, publisher.delivered());

        broker = EmbeddedBroker.startOn(port);
        subscriber = new TestSubscriber(url, "needleguard/+/session");
        record(recorded(session("SIM-0001", 2, "2026-01-09T19:00:00Z", Area.NOSE, "0.25", "C-2"), List.of()));

        assertTrue(publisher.awaitDelivered(WAIT));
        assertEquals(3, publisher.delivered());
        // The subscriber joined after the first messages may have gone out; the last always reaches it.
        assertTrue(subscriber.awaitMatch(m -> m.json().get("sessionId").asText().equals("SIM-0001:2"), WAIT).isPresent());
    }

    @Test
    void countsWhatAFullOutboxCouldNotKeep() throws Exception {
        int port = EmbeddedBroker.freePort();
        publisher = MqttPublisher.start(MqttSettings.of("tcp://127.0.0.1:" + port, "needleguard-test", "needleguard"),
                owner -> BERLIN, CLOCK, new MemoryOutbox(2), QUICK);

        record(recorded(session("SIM-0001", 1, "2026-01-08T19:00:00Z", Area.CHEEKS, "0.5", "C-1"),
                List.of(SPACING, DEPTH)));

        assertEquals(2, publisher.published());
        assertEquals(1, publisher.dropped());
        assertEquals(2, publisher.waiting());
    }

    @Test
    void explainsARefusedConnectionWithWhatToCheck() {
        String message = BrokerProblems.describe(
                new org.eclipse.paho.client.mqttv3.MqttException(org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
                        new java.net.ConnectException("Connection refused")),
                MqttSettings.of("tcp://127.0.0.1:1", "id", "needleguard"));
        assertEquals("cannot reach MQTT broker tcp://127.0.0.1:1 (connection refused); is it running? "
                + "needleguard keeps recording and retries", message);
        String login = BrokerProblems.describe(
                new org.eclipse.paho.client.mqttv3.MqttException(org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_FAILED_AUTHENTICATION),
                MqttSettings.of("tcp://broker:1883", "id", "needleguard"));
        assertTrue(login.contains("refused the user name or password"), login);
        String notAuthorized = BrokerProblems.describe(
                new org.eclipse.paho.client.mqttv3.MqttException(org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_NOT_AUTHORIZED),
                MqttSettings.of("ssl://broker:8883", "id", "needleguard")
                        .withLogin("gateway", new PasswordSource.FromFile(java.nio.file.Path.of("/etc/needleguard/mqtt-password"))));
        assertEquals("MQTT broker ssl://broker:8883 refused the login of user 'gateway' (not authorized); check the password file "
                + "/etc/needleguard/mqtt-password and the broker's access rules", notAuthorized);
    }

    @Test
    void anAreaCommandChoosesThePensAreaAndABadOneIsAnsweredOnTheErrorTopic() throws Exception {
        connect("needleguard");
        java.util.concurrent.BlockingQueue<String> chosen = new java.util.concurrent.LinkedBlockingQueue<>();
        publisher.acceptAreaCommands((pen, area) -> {
            if (!pen.equals("SIM-0001")) {
                return java.util.Optional.of("pen '" + pen + "' is not in this gateway's configuration");
            }
            chosen.add(pen + " " + area);
            return java.util.Optional.empty();
        });
        // The gateway subscribes once it is connected; send the command until it has.
        String got = null;
        for (int i = 0; i < 50 && got == null; i++) {
            subscriber.publish("needleguard/SIM-0001/area/set", "nose");
            got = chosen.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertEquals("SIM-0001 nose", got);

        subscriber.publish("needleguard/SIM-0001/area/set", "cheek");
        JsonNode error = subscriber.awaitMatch(m -> m.topic().equals("needleguard/SIM-0001/error"), WAIT).orElseThrow().json();
        assertEquals("area/set", error.get("command").asText());
        assertEquals("cheek", error.get("payload").asText());
        assertTrue(error.get("error").asText().startsWith("'cheek' is not an area; use one of: unspecified, forehead"));

        subscriber.publish("needleguard/SIM-0009/area/set", "nose");
        JsonNode unknown = subscriber.awaitMatch(m -> m.topic().equals("needleguard/SIM-0009/error"), WAIT).orElseThrow().json();
        assertEquals("pen 'SIM-0009' is not in this gateway's configuration", unknown.get("error").asText());
        assertTrue(chosen.isEmpty(), "a refused command changes nothing");
    }
}
