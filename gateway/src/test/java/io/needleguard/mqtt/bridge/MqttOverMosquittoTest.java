package io.needleguard.mqtt.bridge;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecordedSession;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.PasswordSource;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestCertificates;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.mqtt.transport.TlsContext;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.retry.Backoff;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import io.needleguard.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT side against a real broker: TLS, logins, outages, availability, Home Assistant discovery. */
class MqttOverMosquittoTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.parse("2026-01-20T18:00:00Z");
    private static final Backoff QUICK =
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 0, RandomGenerator.getDefault());
    private static final Finding SPACING =
            new Finding("spacing.min-interval", Severity.WARNING, "too soon", "[P]", NOW);

    @TempDir
    Path dir;

    private SqliteStore store;
    private Mosquitto broker;
    private MqttTransport publisher;
    private final Messages messages = new Messages(new Topics("needleguard"), owner -> BERLIN);
    private TestSubscriber subscriber;
    private LogCapture log;

    @BeforeEach
    void open() {
        Mosquitto.assumeInstalled();
        store = SqliteStore.open(dir.resolve("data"));
        log = new LogCapture(MqttTransport.class);
    }

    @AfterEach
    void close() throws Exception {
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
        if (log != null) {
            log.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private MqttTransport start(MqttSettings settings) {
        publisher = MqttTransport.start(
                settings,
                store.outbox(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                QUICK,
                new MqttTransport.Announcements(
                        messages.availability(true),
                        messages.availability(false),
                        size -> messages.gateway("1.2.3", size, List.of("SIM-0001"), NOW)));
        return publisher;
    }

    /** As the recorder does: the messages go into the outbox inside the transaction, then out. */
    private void record(long counter) {
        RecordedSession r = recorded(counter);
        store.database().atomically(() -> {
            store.sessions().add(r.session(), r.findings(), NOW);
            new OutboxChangeLog(messages, store.outbox()).recorded(r);
            return null;
        });
        publisher.drainSoon();
    }

    private static RecordedSession recorded(long counter) {
        return new RecordedSession(
                session(
                        "SIM-0001",
                        counter,
                        "2026-01-0" + (1 + counter % 9) + "T19:00:00Z",
                        Area.CHEEKS,
                        "0.5",
                        "C-" + counter),
                List.of(SPACING),
                NOW);
    }

    private Set<String> sessionIds(List<TestSubscriber.Received> messages) {
        return messages.stream()
                .filter(m -> m.topic().endsWith("/session"))
                .map(m -> m.json().get("sessionId").asText())
                .collect(Collectors.toSet());
    }

    private MqttConnectOptions login(TestCertificates certificates, String password) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("gateway");
        options.setPassword(password.toCharArray());
        options.setSocketFactory(TlsContext.socketFactory(
                new MqttSettings.Tls(Optional.of(certificates.caCertificate()), Optional.empty(), Optional.empty())));
        return options;
    }

    @Test
    void tlsWithALoginDeliversEverySessionAndAvailability() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("pki"));
        broker = Mosquitto.secured(dir.resolve("broker"), certs, "gateway", "s3cret");
        Path passwordFile = Files.writeString(dir.resolve("mqtt-password"), "s3cret\n");
        subscriber = new TestSubscriber(broker.url(), login(certs, "s3cret"), "needleguard/#");
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard")
                .withLogin("gateway", new PasswordSource.FromFile(passwordFile))
                .withTls(new MqttSettings.Tls(Optional.of(certs.caCertificate()), Optional.empty(), Optional.empty())));

        for (long i = 1; i <= 5; i++) {
            record(i);
        }
        assertTrue(publisher.awaitDelivered(WAIT));
        Await.until(() -> sessionIds(subscriber.seen()).size() == 5, WAIT, "the 5 sessions at the subscriber");
        assertTrue(subscriber.seen().stream()
                .anyMatch(m -> m.topic().equals("needleguard/status")
                        && m.json().asText().equals("online")));
        assertTrue(log.messages().stream().noneMatch(m -> m.contains("s3cret")), "the password is never logged");
        assertEquals(0, store.outbox().size(), "delivered messages leave the outbox");
    }

    @Test
    void aWrongPasswordIsLoggedOnceRecordingGoesOnAndPublishingResumesOnceFixed() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("pki"));
        broker = Mosquitto.secured(dir.resolve("broker"), certs, "gateway", "right");
        Path passwordFile = Files.writeString(dir.resolve("mqtt-password"), "wrong\n");
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard")
                .withLogin("gateway", new PasswordSource.FromFile(passwordFile))
                .withTls(new MqttSettings.Tls(Optional.of(certs.caCertificate()), Optional.empty(), Optional.empty())));

        record(1);
        record(2);
        Await.until(
                () -> log.count("refused the login of user 'gateway'") > 0,
                WAIT,
                "the refused login logged",
                () -> log.messages().toString());
        assertTrue(
                log.messages().stream().anyMatch(m -> m.contains("check the password file " + passwordFile)),
                log.messages().toString());
        // The gateway tries again (backoff) and the broker refuses it again: the retry, not a quiet spell,
        // is what shows that it was said once and nothing went out.
        Await.until(
                () -> broker.log()
                                .lines()
                                .filter(l -> l.contains("not authorised"))
                                .count()
                        >= 2,
                WAIT,
                "the broker to refuse the login a second time",
                broker::log);
        assertEquals(1, log.count("refused"), "said once, not once per retry: " + log.messages());
        assertEquals(4, store.outbox().size(), "nothing goes out with a wrong password: the messages wait");

        Files.writeString(passwordFile, "right\n");
        assertTrue(publisher.awaitDelivered(WAIT), "publishing resumes once the password file is fixed");
        assertTrue(log.count("connected again") > 0, log.messages().toString());
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefusedClearlyAndFixingTheCaFileResumes() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("pki"));
        broker = Mosquitto.secured(dir.resolve("broker"), certs, "gateway", "s3cret");
        Path caFile = dir.resolve("ca.pem");
        Files.copy(certs.otherCaCertificate(), caFile);
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard")
                .withLogin("gateway", new PasswordSource.FromFile(Files.writeString(dir.resolve("pw"), "s3cret")))
                .withTls(new MqttSettings.Tls(Optional.of(caFile), Optional.empty(), Optional.empty())));
        record(1);

        Await.until(
                () -> log.count("TLS with MQTT broker") > 0,
                WAIT,
                "the TLS problem logged",
                () -> log.messages().toString());
        assertTrue(log.messages().stream()
                .anyMatch(m -> m.contains("check the broker's certificate and the CA you configured")));

        Files.copy(certs.caCertificate(), caFile, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(publisher.awaitDelivered(WAIT), "publishing resumes once the CA file is right");
    }

    @Test
    void aBrokerDownAtStartOrForAWhileLosesNothing() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker"));
        // The consumer (Home Assistant, say) has a persistent session the broker keeps while either is away.
        subscriber = TestSubscriber.persistent(broker.url(), "home-assistant", "needleguard/+/session");
        broker.stop();
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"));
        record(1);
        Await.until(
                () -> log.count("cannot reach MQTT broker") > 0,
                WAIT,
                "the unreachable broker logged",
                () -> log.messages().toString());

        broker.start();
        assertTrue(publisher.awaitDelivered(WAIT));
        for (long i = 2; i <= 6; i++) {
            record(i);
        }
        broker.stop(); // an outage in the middle of the month
        for (long i = 7; i <= 12; i++) {
            record(i);
        }
        assertTrue(store.outbox().size() > 0);
        broker.start();
        assertTrue(publisher.awaitDelivered(WAIT));
        Await.until(
                () -> sessionIds(subscriber.seen()).size() == 12,
                WAIT,
                "every session reached the consumer",
                () -> sessionIds(subscriber.seen()));
    }

    @Test
    void aBrokerThatKeepsGoingAwayGetsEveryMessageAndEachOutageIsReportedOnce() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker"));
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"));
        long counter = 0;
        for (int flap = 1;
                flap <= 6;
                flap++) { // a broker restarting again and again: an update loop, a bad power supply
            for (int i = 0; i < 3; i++) {
                record(++counter);
            }
            broker.stop();
            record(++counter); // while it is away
            broker.start();
            assertTrue(publisher.awaitDelivered(WAIT), "flap " + flap + ": the outbox empties once the broker is back");
        }
        assertEquals(0, store.outbox().size());
        assertEquals(
                counter * messages.recorded(recorded(1)).size(),
                publisher.delivered(),
                "each message acknowledged once");
        assertTrue(
                log.count("lost the connection") + log.count("cannot reach") <= 12,
                "a line or two per outage: " + log.messages());
    }

    @Test
    void retainedStateIsPublishedAgainWhenABrokerLostIt() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker"));
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"));
        publisher.retain(new OutboundMessage(
                "needleguard/SIM-0001/state", "{\"x\":1}".getBytes(StandardCharsets.UTF_8), 1, true));
        Await.until(() -> retainedAt("needleguard/status").equals(Optional.of("online")), WAIT, "online, retained");

        broker.stop();
        Files.deleteIfExists(dir.resolve("broker").resolve("mosquitto.db")); // the broker forgets everything
        broker.start();

        Await.until(
                () -> retainedAt("needleguard/status").equals(Optional.of("online")),
                WAIT,
                "online, retained again at the broker that forgot it");
        Await.until(() -> retainedAt("needleguard/SIM-0001/state").isPresent(), WAIT, "the pen's state retained again");
        try (TestSubscriber late = new TestSubscriber(broker.url(), "needleguard/SIM-0001/state")) {
            assertTrue(late.take(1, WAIT).get(0).retained(), "a consumer arriving later gets it as a retained message");
        }
    }

    @Test
    void aCleanStopSaysOfflineAndTheLastWillSaysItForACrash() throws Exception {
        broker = Mosquitto.plain(dir.resolve("broker"));
        start(MqttSettings.of(broker.url(), "needleguard-test", "needleguard"));
        Await.until(() -> retainedAt("needleguard/status").equals(Optional.of("online")), WAIT, "online, retained");
        publisher.close();
        publisher = null;
        assertEquals(Optional.of("offline"), retainedAt("needleguard/status"));
    }

    /** What a consumer arriving now is told on a topic: its retained message, if any. */
    private Optional<String> retainedAt(String topic) {
        try {
            return TestSubscriber.retainedAt(broker.url(), topic).stream()
                    .findFirst()
                    .map(m ->
                            m.json().isTextual() ? m.json().asText() : m.json().toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not read the retained message on " + topic, e);
        }
    }
}
