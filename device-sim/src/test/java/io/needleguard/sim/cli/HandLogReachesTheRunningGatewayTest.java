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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions logged by hand reach a running gateway's MQTT output as a pen's do: logged, corrected and
 * deleted on the command line, and logged with the MQTT log command (refused ones answered, kept ones
 * cleared). Every part is its own process, as on a real machine: the simulated BlueZ with one pen,
 * {@code needleguard run}, the commands, and a real Mosquitto that a Home Assistant-like consumer reads.
 *
 * <p>The tests share the running processes but not an order: only one of them logs sessions, and each
 * leaves a gateway running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
    /** The name of the running gateway's process (and its log): a test may restart it. */
    private String gateway = "run";

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
        startGateway(gateway);
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        Await.until(
                () -> latest(0, "needleguard/SIM-0001/session", s -> true).isPresent(),
                WAIT,
                "the pen's session published",
                () -> processes.log(gateway));
    }

    private void startGateway(String name) throws Exception {
        int from = consumer.seen().size();
        processes.start(name, "run", "--config", config.toString());
        Await.until(
                () -> latest(
                                from,
                                "needleguard/SIM-0001/state",
                                s -> s.path("connected").asBoolean())
                        .isPresent(),
                WAIT,
                "the pen connected to " + name,
                () -> processes.log(name));
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

    /** Returns once a message on {@code topic} after {@code from} matches, failing if that took more than 2 s. */
    private void promptly(String what, int from, String topic, Predicate<JsonNode> matching) {
        Await.until(
                () -> latest(from, topic, matching).isPresent(),
                PROMPTLY,
                what + ", within " + PROMPTLY.toMillis() + " ms",
                () -> since(from));
    }

    private String since(int from) {
        return consumer.seen().subList(from, consumer.seen().size()).toString();
    }

    /**
     * A session logged on the command line is published and judges the pen's session after it again; its
     * correction goes out as an update and its deletion as deleted, freeing the pen's session; the next
     * one, logged with the MQTT log command, does not get the deleted one's number.
     */
    @Test
    void aSessionLoggedCorrectedAndDeletedOnTheCommandLineAndTheNextLoggedOverMqttAllReachMqtt() throws Exception {
        int from = consumer.seen().size();
        Result logged =
                command(0, "log", "--area", "cheeks", "--device", "roller-1", "--at", dayBefore, "--duration", "8m");
        // The first session logged by hand here: no other test logs one.
        assertTrue(logged.out().startsWith("logged hand-1: me, cheeks at 0.50 mm"), logged.all());
        String entry = "hand-1";
        assertTrue(logged.out().contains("1 recorded session was judged again"), logged.all());

        promptly(
                "the session, under its owner, marked as logged by hand",
                from,
                "needleguard/me/session",
                s -> s.path("sessionId").asText().equals(entry)
                        && s.path("recordedBy").asText().equals("hand")
                        && s.path("device").asText().equals("roller-1")
                        && s.path("pen").isNull()
                        && !s.path("update").asBoolean());
        promptly(
                "the pen's session, a day after 0.5 mm, judged again",
                from,
                "needleguard/SIM-0001/session",
                s -> s.path("update").asBoolean()
                        && s.path("findings").toString().contains("spacing.min-interval"));
        promptly(
                "the owner's next safe times counting it",
                from,
                "needleguard/me/next-safe",
                n -> n.path("openFindings").asInt() >= 1);

        int corrected = consumer.seen().size();
        command(0, "log", "edit", entry, "--duration", "12m");
        promptly(
                "the correction, as an update",
                corrected,
                "needleguard/me/session",
                s -> s.path("sessionId").asText().equals(entry)
                        && s.path("update").asBoolean()
                        && s.path("durationS").asInt() == 720);

        int deleted = consumer.seen().size();
        command(0, "log", "delete", entry);
        promptly(
                "consumers told to drop it",
                deleted,
                "needleguard/me/session",
                s -> s.path("sessionId").asText().equals(entry)
                        && s.path("deleted").asBoolean()
                        && s.path("findings").isEmpty());
        promptly(
                "the pen session's finding resolved",
                deleted,
                "needleguard/SIM-0001/alert",
                a -> a.path("rule").asText().equals("spacing.min-interval")
                        && a.path("resolved").asBoolean());
        promptly(
                "the owner's next safe times without it",
                deleted,
                "needleguard/me/next-safe",
                n -> n.path("openFindings").asInt() == 0);

        int overMqtt = consumer.seen().size();
        String next = "hand-2";
        consumer.publish(
                "needleguard/me/log",
                "{\"area\": \"neck\", \"depthMm\": 0.25, \"duration\": \"6m\", \"at\": \"" + dayBefore + "\"}");
        promptly(
                "the session logged over MQTT as " + next + ", the deleted one's number not given again",
                overMqtt,
                "needleguard/me/session",
                s -> s.path("sessionId").asText().equals(next)
                        && s.path("area").asText().equals("neck")
                        && s.path("recordedBy").asText().equals("hand"));
        assertTrue(command(0, "history", "--format", "csv").out().contains("," + next + ",me,"));
    }

    @Test
    void aPensSessionCannotBeCorrected() {
        Result refused = command(2, "log", "delete", "SIM-0001:1");
        assertTrue(refused.err().contains("SIM-0001:1 was recorded by pen SIM-0001"), refused.all());
    }

    @Test
    void aRefusedMqttCommandIsAnsweredOnThePersonsErrorTopicAndLogsNothing() throws Exception {
        int from = consumer.seen().size();
        String history = command(0, "history", "--format", "csv").out();
        refusedOverMqtt(from);
        // The answer is the sentinel: a session the command had logged would have gone through the outbox first.
        assertTrue(latest(from, "needleguard/me/session", s -> true).isEmpty(), since(from));
        assertEquals(history, command(0, "history", "--format", "csv").out(), "nothing logged");
    }

    /** Sends a command that cannot be a session (4 mm) and waits for its answer on the error topic. */
    private void refusedOverMqtt(int from) throws Exception {
        consumer.publish("needleguard/me/log", "{\"area\": \"cheeks\", \"depthMm\": 4}");
        promptly(
                "the refusal answered on the person's error topic",
                from,
                "needleguard/me/error",
                e -> e.path("command").asText().equals("log")
                        && e.path("error").asText().startsWith("a depth of 4.00 mm is out of range"));
    }

    @Test
    void aCommandTheBrokerKeptIsClearedWhenTheGatewayComesBackNotLoggedAgain() throws Exception {
        processes.stop(gateway);
        gateway = gateway + "-again";
        // Left at the broker while no gateway listened: on its next subscription it is delivered as kept.
        consumer.publishRetained("needleguard/me/log", "{\"area\": \"chin\", \"depthMm\": 0.25}");
        int from = consumer.seen().size();
        startGateway(gateway);
        Await.until(
                () -> latest(
                                from,
                                "needleguard/me/log",
                                c -> c.isTextual() && c.asText().isEmpty())
                        .isPresent(),
                WAIT,
                "the kept command cleared",
                () -> since(from) + processes.log(gateway));
        // A sentinel: the gateway takes commands in order, and answers this one through the outbox, after
        // any session the kept command had logged.
        refusedOverMqtt(from);
        assertTrue(
                latest(
                                from,
                                "needleguard/me/session",
                                s -> s.path("area").asText().equals("chin"))
                        .isEmpty(),
                "and not logged: " + since(from));
        assertFalse(command(0, "history", "--format", "csv").out().contains(",chin,"));
    }
}
