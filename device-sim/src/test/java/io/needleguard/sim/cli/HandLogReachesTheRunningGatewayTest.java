package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.cli.NeedleguardProcesses.Result;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions logged by hand reach a running gateway's MQTT output as a pen's do: logged, corrected and
 * deleted on the command line, and logged with the MQTT log command (refused ones answered, kept ones
 * cleared). Every part is its own process, as on a real machine: the simulated BlueZ with one pen,
 * {@code needleguard run}, the commands, and a real Mosquitto that a Home Assistant-like consumer reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandLogReachesTheRunningGatewayTest {

    /** A change made on the command line is on MQTT within this (as for every other command). */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String BACKEND = "dbus";

    private NeedleguardProcesses processes;
    private Mosquitto broker;
    private TestSubscriber consumer;
    private Path config;
    /** The day before the pen's session, at a whole minute: when the roller session is logged to have been. */
    private String dayBefore;

    @BeforeAll
    void aGatewayThatRecordedAPensSession(@TempDir Path dir) throws Exception {
        // The pure-Java D-Bus backend: the pen's part is not what this test is about.
        BluezTestSupport.assumeReady(BACKEND);
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        consumer = new TestSubscriber(broker.url(), "needleguard/#");
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(1);
        config = dir.resolve("needleguard.yaml");
        Files.writeString(
                config,
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: " + BACKEND + "}\n"
                        + "mqtt: {url: '" + broker.url()
                        + "', client-id: ng-hand-log-test, discovery: {enabled: false}}\n"
                        + "owners:\n  - {id: me, zone: UTC}\n"
                        + "devices:\n  - {id: roller-1, kind: roller, owner: me, needle-length-mm: 0.5}\n"
                        + "dashboard: {enabled: false}\n");
        dayBefore = Instant.now()
                .minus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();

        assertEquals(
                0,
                processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair"));
        startGateway("run");
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        assertTrue(
                Await.until(
                        () -> latest(0, "needleguard/SIM-0001/session", s -> true)
                                .isPresent(),
                        WAIT),
                processes.log("run"));
    }

    private void startGateway(String name) throws Exception {
        int from = consumer.seen().size();
        processes.start(name, "run", "--config", config.toString());
        assertTrue(
                Await.until(
                        () -> latest(
                                        from,
                                        "needleguard/SIM-0001/state",
                                        s -> s.path("connected").asBoolean())
                                .isPresent(),
                        WAIT),
                processes.log(name));
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (consumer != null) {
            PayloadSchemas.assertAllValid(consumer.seen().stream()
                    .filter(m -> m.topic().startsWith("needleguard/")
                            && !(m.json().isTextual() && m.json().asText().isEmpty()))
                    .toList());
            consumer.close();
        }
        if (processes != null) {
            processes.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Result command(int expectedCode, String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        Result r = NeedleguardProcesses.cli(withConfig);
        assertEquals(expectedCode, r.code(), r.all());
        return r;
    }

    /** The latest message on {@code topic} that matches, among those received after {@code from}. */
    private Optional<JsonNode> latest(int from, String topic, Predicate<JsonNode> matching) {
        List<TestSubscriber.Received> seen = consumer.seen();
        for (int i = seen.size() - 1; i >= from; i--) {
            TestSubscriber.Received m = seen.get(i);
            if (m.topic().equals(topic) && matching.test(m.json())) {
                return Optional.of(m.json());
            }
        }
        return Optional.empty();
    }

    private boolean promptly(int from, String topic, Predicate<JsonNode> matching) {
        return Await.until(() -> latest(from, topic, matching).isPresent(), PROMPTLY);
    }

    private String since(int from) {
        return consumer.seen().subList(from, consumer.seen().size()).toString();
    }

    @Test
    @Order(1)
    void aSessionLoggedOnTheCommandLineIsPublishedAndJudgesThePensSessionAfterItAgain() {
        int from = consumer.seen().size();
        Result logged =
                command(0, "log", "--area", "cheeks", "--device", "roller-1", "--at", dayBefore, "--duration", "8m");
        assertTrue(logged.out().startsWith("logged hand-1: me, cheeks at 0.50 mm"), logged.all());
        assertTrue(logged.out().contains("1 recorded session was judged again"), logged.all());

        assertTrue(
                promptly(
                        from,
                        "needleguard/me/session",
                        s -> s.path("sessionId").asText().equals("hand-1")
                                && s.path("recordedBy").asText().equals("hand")
                                && s.path("device").asText().equals("roller-1")
                                && s.path("pen").isNull()
                                && !s.path("update").asBoolean()),
                "the session, under its owner, marked as logged by hand: " + since(from));
        assertTrue(
                promptly(
                        from,
                        "needleguard/SIM-0001/session",
                        s -> s.path("update").asBoolean()
                                && s.path("findings").toString().contains("spacing.min-interval")),
                "the pen's session, a day after 0.5 mm, judged again: " + since(from));
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/next-safe",
                        n -> n.path("openFindings").asInt() >= 1),
                "the owner's next safe times count it: " + since(from));
    }

    @Test
    @Order(2)
    void aCorrectionIsPublishedAsAnUpdate() {
        int from = consumer.seen().size();
        command(0, "log", "edit", "hand-1", "--duration", "12m");
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/session",
                        s -> s.path("sessionId").asText().equals("hand-1")
                                && s.path("update").asBoolean()
                                && s.path("durationS").asInt() == 720),
                since(from));
    }

    @Test
    @Order(3)
    void aPensSessionCannotBeCorrected() {
        Result refused = command(2, "log", "delete", "SIM-0001:1");
        assertTrue(refused.err().contains("SIM-0001:1 was recorded by pen SIM-0001"), refused.all());
    }

    @Test
    @Order(4)
    void aDeleteIsPublishedAsDeletedAndThePensSessionIsFreeAgain() {
        int from = consumer.seen().size();
        command(0, "log", "delete", "hand-1");
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/session",
                        s -> s.path("sessionId").asText().equals("hand-1")
                                && s.path("deleted").asBoolean()
                                && s.path("findings").isEmpty()),
                "consumers are told to drop it: " + since(from));
        assertTrue(
                promptly(
                        from,
                        "needleguard/SIM-0001/alert",
                        a -> a.path("rule").asText().equals("spacing.min-interval")
                                && a.path("resolved").asBoolean()),
                "the pen session's finding resolved: " + since(from));
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/next-safe",
                        n -> n.path("openFindings").asInt() == 0),
                since(from));
    }

    @Test
    @Order(5)
    void aSessionLoggedWithTheMqttLogCommandIsRecordedAndPublished() throws Exception {
        int from = consumer.seen().size();
        consumer.publish(
                "needleguard/me/log",
                "{\"area\": \"neck\", \"depthMm\": 0.25, \"duration\": \"6m\", \"at\": \"" + dayBefore + "\"}");
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/session",
                        s -> s.path("sessionId").asText().equals("hand-2")
                                && s.path("area").asText().equals("neck")
                                && s.path("recordedBy").asText().equals("hand")),
                "hand-2: hand-1's number is not given again: " + since(from) + processes.log("run"));
        assertTrue(command(0, "history", "--format", "csv").out().contains(",hand-2,me,"));
    }

    @Test
    @Order(6)
    void aRefusedMqttCommandIsAnsweredOnThePersonsErrorTopicAndLogsNothing() throws Exception {
        int from = consumer.seen().size();
        consumer.publish("needleguard/me/log", "{\"area\": \"cheeks\", \"depthMm\": 4}");
        assertTrue(
                promptly(
                        from,
                        "needleguard/me/error",
                        e -> e.path("command").asText().equals("log")
                                && e.path("error").asText().startsWith("a depth of 4.00 mm is out of range")),
                since(from));
        assertTrue(latest(from, "needleguard/me/session", s -> true).isEmpty(), since(from));
    }

    @Test
    @Order(7)
    void aCommandTheBrokerKeptIsClearedWhenTheGatewayComesBackNotLoggedAgain() throws Exception {
        processes.stop("run");
        // Left at the broker while no gateway listened: on its next subscription it is delivered as kept.
        consumer.publishRetained("needleguard/me/log", "{\"area\": \"chin\", \"depthMm\": 0.25}");
        int from = consumer.seen().size();
        startGateway("run-again");
        assertTrue(
                Await.until(
                        () -> latest(
                                        from,
                                        "needleguard/me/log",
                                        c -> c.isTextual() && c.asText().isEmpty())
                                .isPresent(),
                        WAIT),
                "the kept command is cleared: " + since(from) + processes.log("run-again"));
        assertFalse(
                Await.until(
                        () -> latest(
                                        from,
                                        "needleguard/me/session",
                                        s -> s.path("area").asText().equals("chin"))
                                .isPresent(),
                        Duration.ofSeconds(3)),
                "and not logged: " + since(from));
        assertFalse(command(0, "history", "--format", "csv").out().contains(",chin,"));
    }
}
