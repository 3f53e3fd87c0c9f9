package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.cli.NeedleguardProcesses.Result;
import io.needleguard.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user changes from the command line while {@code needleguard run} is running on the same data
 * directory reaches the running gateway and MQTT within 2 s: a condition added and ended, an area
 * chosen, a pen forgotten. Every part is its own process, as on a real machine: the simulated BlueZ,
 * {@code run}, the commands, and a real Mosquitto that a Home Assistant-like consumer reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ParameterizedClass(name = "ble.backend: {0}")
@ValueSource(strings = {"tinyb", "dbus"})
class CommandsReachTheRunningGatewayTest {

    /** The gateway's Bluetooth backend for this run of the whole sequence. */
    @Parameter
    String backend;

    /** What the issue promises: a change made on the command line is on MQTT within this. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path dir;
    private NeedleguardProcesses processes;
    private Mosquitto broker;
    private TestSubscriber consumer;
    private Path config;
    private Path data;
    private String today;
    private String yesterday;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void aGatewayRecordingAPairedPen(@TempDir Path temp) throws Exception {
        dir = temp;
        BluezTestSupport.assumeReady(backend);
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        consumer = new TestSubscriber(broker.url(), "needleguard/#", "homeassistant/#");
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(1);
        data = dir.resolve("data");
        config = dir.resolve("needleguard.yaml");
        Files.writeString(
                config,
                "data-dir: " + data + "\n"
                        + "ble: {backend: " + backend + "}\n"
                        + "mqtt: {url: '" + broker.url() + "', client-id: ng-commands-test}\n"
                        + "owners:\n  - {id: me, zone: UTC}\n"
                        + "dashboard: {listen: '127.0.0.1:0'}\n");
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        today = now.toString();
        yesterday = now.minusDays(1).toString();

        assertEquals(
                0,
                processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair"));
        processes.start("run", "run", "--config", config.toString());
        assertTrue(
                Await.until(
                        () -> retained(
                                        "needleguard/SIM-0001/state",
                                        s -> s.path("connected").asBoolean())
                                .isPresent(),
                        WAIT),
                processes.log("run"));
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        assertTrue(
                Await.until(
                        () -> consumer.seen().stream().anyMatch(m -> m.topic().equals("needleguard/SIM-0001/session")),
                        WAIT),
                processes.log("run"));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
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

    private Result command(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        Result r = NeedleguardProcesses.cli(withConfig);
        assertEquals(0, r.code(), r.all());
        return r;
    }

    /** The latest message on {@code topic} that matches, among those received after {@code from}. */
    private Optional<JsonNode> after(int from, String topic, Predicate<JsonNode> matching) {
        List<TestSubscriber.Received> seen = consumer.seen();
        for (int i = seen.size() - 1; i >= from; i--) {
            TestSubscriber.Received m = seen.get(i);
            if (m.topic().equals(topic) && matching.test(m.json())) {
                return Optional.of(m.json());
            }
        }
        return Optional.empty();
    }

    /** The latest message seen on a retained topic, if it matches. */
    private Optional<JsonNode> retained(String topic, Predicate<JsonNode> matching) {
        return after(0, topic, j -> true).filter(matching);
    }

    private boolean within(Duration limit, java.util.function.BooleanSupplier condition) {
        return Await.until(condition, limit);
    }

    @Test
    @Order(1)
    void aConditionAddedOnTheCommandLineIsPublishedWithTheSessionsItChanges() {
        int from = consumer.seen().size();
        Result added = command("condition", "add", "sunburn", "--owner", "me", "--from", yesterday);
        assertTrue(added.out().contains("1 recorded session was judged again"), added.all());

        assertTrue(
                within(
                        PROMPTLY,
                        () -> after(
                                        from,
                                        "needleguard/SIM-0001/session",
                                        s -> s.path("update").asBoolean()
                                                && s.path("findings").toString().contains("contraindication.active"))
                                .isPresent()),
                "the session, judged again, is published as an update: "
                        + consumer.seen().subList(from, consumer.seen().size()));
        assertTrue(
                within(
                        PROMPTLY,
                        () -> after(
                                        from,
                                        "needleguard/SIM-0001/alert",
                                        a -> a.path("rule").asText().equals("contraindication.active")
                                                && a.path("severity").asText().equals("critical")
                                                && !a.path("resolved").asBoolean())
                                .isPresent()),
                "and its alert, which follows the session on the wire");
        assertTrue(
                within(
                        PROMPTLY,
                        () -> retained(
                                        "needleguard/me/next-safe",
                                        n -> n.path("openFindings").asInt() >= 1)
                                .isPresent()),
                "the next safe times count the new finding at once: "
                        + retained("needleguard/me/next-safe", n -> true));
    }

    @Test
    @Order(2)
    void aConditionEndedOnTheCommandLineResolvesItsFindingsOnMqtt() {
        int from = consumer.seen().size();
        command("condition", "end", "1", "--on", yesterday);

        assertTrue(
                within(
                        PROMPTLY,
                        () -> after(
                                        from,
                                        "needleguard/SIM-0001/alert",
                                        a -> a.path("rule").asText().equals("contraindication.active")
                                                && a.path("resolved").asBoolean())
                                .isPresent()),
                "the finding is resolved: "
                        + consumer.seen().subList(from, consumer.seen().size()));
        assertTrue(after(
                        from,
                        "needleguard/SIM-0001/session",
                        s -> s.path("update").asBoolean()
                                && !s.path("findings").toString().contains("contraindication.active"))
                .isPresent());
        assertTrue(
                within(
                        PROMPTLY,
                        () -> retained(
                                        "needleguard/me/next-safe",
                                        n -> n.path("openFindings").asInt() == 0)
                                .isPresent()),
                retained("needleguard/me/next-safe", n -> true).toString());
    }

    @Test
    @Order(3)
    void anAreaChosenOnTheCommandLineIsInTheRetainedStateAtOnce() {
        command("area", "set", "SIM-0001", "forehead");

        assertTrue(
                within(
                        PROMPTLY,
                        () -> retained(
                                        "needleguard/SIM-0001/state",
                                        s -> s.path("area").asText().equals("forehead"))
                                .isPresent()),
                "the state shows the choice: " + retained("needleguard/SIM-0001/state", s -> true));
        assertTrue(
                Await.until(() -> processes.log("run").contains("pen SIM-0001: next sessions are on forehead"), WAIT),
                "and the pen was told: " + processes.log("run"));
    }

    @Test
    @Order(4)
    void aRestartedGatewayPublishesACompleteStateAtOnceAndPairSaysWhyItSeesNoPen() throws Exception {
        int code = processes.run("pair-while-running", "pair", "--config", config.toString(), "--scan-seconds", "3");
        assertEquals(1, code, processes.log("pair-while-running"));
        assertTrue(
                processes
                        .log("pair-while-running")
                        .contains("A pen connected to a running gateway ('needleguard run') does not "
                                + "advertise, so it is not listed here; SIM-0001 is already paired."),
                processes.log("pair-while-running"));

        processes.stop("run");
        int from = consumer.seen().size();
        processes.start("run-again", "run", "--config", config.toString());
        assertTrue(
                Await.until(
                        () -> after(from, "needleguard/SIM-0001/state", s -> true)
                                .isPresent(),
                        WAIT),
                processes.log("run-again"));
        JsonNode first = after(from, "needleguard/SIM-0001/state", s -> true).orElseThrow();
        assertEquals("forehead", first.path("area").asText(), "the stored choice, from the start: " + first);
        assertEquals(
                "SIM-0001:1", first.path("lastSession").path("sessionId").asText(), "the last session too: " + first);
        assertTrue(
                Await.until(
                        () -> after(
                                        from,
                                        "needleguard/SIM-0001/state",
                                        s -> s.path("connected").asBoolean())
                                .isPresent(),
                        WAIT),
                "and the pen is connected again: " + processes.log("run-again"));
    }

    @Test
    @Order(5)
    void aForgottenPenIsWithdrawnDisconnectedAndNoLongerRecorded() throws Exception {
        int from = consumer.seen().size();
        Result forgot = command("forget", "SIM-0001");
        assertTrue(forgot.out().contains("Forgot pen SIM-0001"), forgot.all());

        assertTrue(
                within(
                        PROMPTLY,
                        () -> after(
                                        from,
                                        "homeassistant/device/" + DiscoveryIds.pen("needleguard", "SIM-0001")
                                                + "/config",
                                        c -> c.isTextual() && c.asText().isEmpty())
                                .isPresent()),
                "withdrawn from Home Assistant");
        assertTrue(
                within(
                        PROMPTLY,
                        () -> retained(
                                        "needleguard/SIM-0001/state",
                                        s -> !s.path("connected").asBoolean())
                                .isPresent()),
                "disconnected at once, not when the pen next leaves: " + processes.log("run-again"));
        assertFalse(processes.simSaysConnected("SIM-0001"), processes.simOutput() + processes.log("run-again"));

        int sessionsBefore = (int) consumer.seen().stream()
                .filter(m -> m.topic().equals("needleguard/SIM-0001/session"))
                .count();
        processes.type("start SIM-0001 0.5 120");
        processes.type("stop SIM-0001");
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        assertFalse(
                Await.until(
                        () -> consumer.seen().stream()
                                        .filter(m -> m.topic().equals("needleguard/SIM-0001/session"))
                                        .count()
                                > sessionsBefore,
                        Duration.ofSeconds(5)),
                "a forgotten pen's sessions are not recorded or published");
        Result history = command("history", "--format", "csv");
        assertEquals(2, history.out().lines().count(), "the header and the one session from before: " + history.all());
        assertFalse(processes.simSaysConnected("SIM-0001"), "the pen is not connected again: " + processes.simOutput());
    }
}
