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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 *
 * <p>The tests share the running processes (starting them takes seconds) but not an order: each leaves
 * a gateway running with the pen paired and connected, and expects no more of the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "ble.backend: {0}")
@ValueSource(strings = {"tinyb", "dbus"})
class CommandsReachTheRunningGatewayTest {

    /** The gateway's Bluetooth backend for this run of the whole sequence. */
    @Parameter
    String backend;

    /** What the issue promises: a change made on the command line is on MQTT within this. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The rule that a condition (sunburn) makes findings of. */
    private static final String CONDITION_RULE = "contraindication.active";

    private Path dir;
    private NeedleguardProcesses processes;
    private Mosquitto broker;
    private TestSubscriber consumer;
    private Path config;
    private Path data;
    private String yesterday;
    /** The name of the running gateway's process (and its log): a test may restart it. */
    private String gateway = "run";

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
        yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

        assertEquals(
                0,
                processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair"));
        processes.start(gateway, "run", "--config", config.toString());
        awaitConnected("the pen connected");
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        Await.until(
                () -> consumer.seen().stream().anyMatch(m -> m.topic().equals("needleguard/SIM-0001/session")),
                WAIT,
                "the first session published",
                () -> processes.log(gateway));
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

    /** Returns once the pen's latest state says it is connected. */
    private void awaitConnected(String what) {
        Await.until(
                () -> retained(
                                "needleguard/SIM-0001/state",
                                s -> s.path("connected").asBoolean())
                        .isPresent(),
                WAIT,
                what,
                () -> processes.log(gateway));
    }

    /** The latest message seen on a retained topic, if it matches. */
    private Optional<JsonNode> retained(String topic, Predicate<JsonNode> matching) {
        return after(0, topic, j -> true).filter(matching);
    }

    /** Returns once {@code condition} holds, failing if that took longer than the promised 2 s. */
    private void promptly(String what, BooleanSupplier condition, Supplier<?> state) {
        Await.until(condition, PROMPTLY, what + ", within " + PROMPTLY.toMillis() + " ms", state);
    }

    private String since(int from) {
        return consumer.seen().subList(from, consumer.seen().size()).toString();
    }

    /** The ids of the sessions in the history, as {@code needleguard history} lists them. */
    private List<String> recordedSessions() {
        return command("history", "--format", "csv")
                .out()
                .lines()
                .skip(1) // the header
                .map(line -> line.split(",")[1])
                .toList();
    }

    /** How many sessions the simulator says the pen keeps (recorded, not yet handed over), asked now. */
    private int keptOnThePen() {
        try {
            return processes.simKept("SIM-0001");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The owner's open findings as the last next-safe message before the condition said them (the other
     * tests may have recorded sessions with findings of their own).
     */
    private int openFindingsBeforeTheCondition(int from) {
        List<TestSubscriber.Received> seen = consumer.seen();
        int first = from;
        while (!(seen.get(first).topic().equals("needleguard/me/next-safe")
                && seen.get(first).json().toString().contains(CONDITION_RULE))) {
            first++;
        }
        for (int i = first - 1; i >= 0; i--) {
            if (seen.get(i).topic().equals("needleguard/me/next-safe")) {
                return seen.get(i).json().path("openFindings").asInt();
            }
        }
        throw new AssertionError("no next safe times before the condition: " + seen);
    }

    private static String judgedAgain(int sessions) {
        return sessions == 1
                ? "1 recorded session was judged again"
                : sessions + " recorded sessions were judged again";
    }

    @Test
    void aConditionAddedAndEndedOnTheCommandLineIsPublishedWithTheSessionsItChanges() {
        int from = consumer.seen().size();
        int recorded = recordedSessions().size();
        Result added = command("condition", "add", "sunburn", "--owner", "me", "--from", yesterday);
        assertTrue(added.out().contains(judgedAgain(recorded)), added.all());
        Matcher number = Pattern.compile("added #(\\d+)").matcher(added.out());
        assertTrue(number.find(), added.all());

        promptly(
                "the sessions, judged again, published as updates",
                () -> after(
                                from,
                                "needleguard/SIM-0001/session",
                                s -> s.path("update").asBoolean()
                                        && s.path("findings").toString().contains("contraindication.active"))
                        .isPresent(),
                () -> since(from));
        promptly(
                "and their alert, which follows the session on the wire",
                () -> after(
                                from,
                                "needleguard/SIM-0001/alert",
                                a -> a.path("rule").asText().equals("contraindication.active")
                                        && a.path("severity").asText().equals("critical")
                                        && !a.path("resolved").asBoolean())
                        .isPresent(),
                () -> since(from));
        promptly(
                "the next safe times counting the new finding",
                () -> retained(
                                "needleguard/me/next-safe",
                                n -> n.toString().contains(CONDITION_RULE)
                                        && n.path("openFindings").asInt() >= 1)
                        .isPresent(),
                () -> retained("needleguard/me/next-safe", n -> true));
        int openBefore = openFindingsBeforeTheCondition(from);

        int ended = consumer.seen().size();
        command("condition", "end", number.group(1), "--on", yesterday);
        promptly(
                "the finding resolved",
                () -> after(
                                ended,
                                "needleguard/SIM-0001/alert",
                                a -> a.path("rule").asText().equals("contraindication.active")
                                        && a.path("resolved").asBoolean())
                        .isPresent(),
                () -> since(ended));
        assertTrue(
                after(
                                ended,
                                "needleguard/SIM-0001/session",
                                s -> s.path("update").asBoolean()
                                        && !s.path("findings").toString().contains("contraindication.active"))
                        .isPresent(),
                "the sessions published again without it, before their resolved alert: " + since(ended));
        promptly(
                "the next safe times without the finding",
                () -> retained(
                                "needleguard/me/next-safe",
                                n -> !n.toString().contains(CONDITION_RULE)
                                        && n.path("openFindings").asInt() == openBefore)
                        .isPresent(),
                () -> "open findings before the condition: " + openBefore + "; now: "
                        + retained("needleguard/me/next-safe", n -> true));
    }

    @Test
    void anAreaChosenOnTheCommandLineIsInTheRetainedStateAtOnce() {
        int from = consumer.seen().size();
        command("area", "set", "SIM-0001", "forehead");

        promptly(
                "the state showing the choice",
                () -> retained(
                                "needleguard/SIM-0001/state",
                                s -> s.path("area").asText().equals("forehead"))
                        .isPresent(),
                () -> since(from));
        Await.until(
                () -> processes.log(gateway).contains("pen SIM-0001: next sessions are on forehead"),
                WAIT,
                "the pen told",
                () -> processes.log(gateway));
    }

    @Test
    void aRestartedGatewayPublishesACompleteStateAtOnceAndPairSaysWhyItSeesNoPen() throws Exception {
        command("area", "set", "SIM-0001", "chin");
        Await.until(
                () -> retained(
                                "needleguard/SIM-0001/state",
                                s -> s.path("area").asText().equals("chin"))
                        .isPresent(),
                WAIT,
                "the chosen area in the state",
                () -> processes.log(gateway));
        List<String> recorded = recordedSessions();
        String lastSession = recorded.get(recorded.size() - 1);

        int code = processes.run("pair-while-running", "pair", "--config", config.toString(), "--scan-seconds", "3");
        assertEquals(1, code, processes.log("pair-while-running"));
        assertTrue(
                processes
                        .log("pair-while-running")
                        .contains("A pen connected to a running gateway ('needleguard run') does not "
                                + "advertise, so it is not listed here; SIM-0001 is already paired."),
                processes.log("pair-while-running"));

        processes.stop(gateway);
        gateway = gateway + "-again";
        int from = consumer.seen().size();
        processes.start(gateway, "run", "--config", config.toString());
        Await.until(
                () -> after(from, "needleguard/SIM-0001/state", s -> true).isPresent(),
                WAIT,
                "a state from the restarted gateway",
                () -> processes.log(gateway));
        JsonNode first = after(from, "needleguard/SIM-0001/state", s -> true).orElseThrow();
        assertEquals("chin", first.path("area").asText(), "the stored choice, from the start: " + first);
        assertEquals(
                lastSession, first.path("lastSession").path("sessionId").asText(), "the last session too: " + first);
        Await.until(
                () -> after(
                                from,
                                "needleguard/SIM-0001/state",
                                s -> s.path("connected").asBoolean())
                        .isPresent(),
                WAIT,
                "the pen connected again",
                () -> processes.log(gateway));
    }

    /**
     * Forgotten, the pen is disconnected and what it records stays on it; paired again, it hands that
     * over. Pairing it again is also the sentinel: had the gateway taken those sessions while the pen
     * was forgotten, they would have been published before it.
     */
    @Test
    void aForgottenPenIsWithdrawnDisconnectedAndNoLongerRecordedUntilPairedAgain() throws Exception {
        List<String> recorded = recordedSessions();
        int from = consumer.seen().size();
        Result forgot = command("forget", "SIM-0001");
        assertTrue(forgot.out().contains("Forgot pen SIM-0001"), forgot.all());

        promptly(
                "withdrawn from Home Assistant",
                () -> after(
                                from,
                                "homeassistant/device/" + DiscoveryIds.pen("needleguard", "SIM-0001") + "/config",
                                c -> c.isTextual() && c.asText().isEmpty())
                        .isPresent(),
                () -> since(from));
        promptly(
                "disconnected at once, not when the pen next leaves",
                () -> retained(
                                "needleguard/SIM-0001/state",
                                s -> !s.path("connected").asBoolean())
                        .isPresent(),
                () -> processes.log(gateway));
        assertFalse(processes.simSaysConnected("SIM-0001"), processes.simOutput() + processes.log(gateway));

        int kept = keptOnThePen();
        processes.type("start SIM-0001 0.5 120");
        processes.type("stop SIM-0001");
        processes.type("start SIM-0001 0.25 120");
        processes.type("stop SIM-0001");
        Await.until(
                () -> keptOnThePen() == kept + 2, WAIT, "the pen keeping its two new sessions", processes::simOutput);
        assertFalse(processes.simSaysConnected("SIM-0001"), "not connected again: " + processes.simOutput());
        assertEquals(recorded, recordedSessions(), "a forgotten pen's sessions are not recorded");

        int paired = consumer.seen().size();
        assertEquals(
                0,
                processes.run("pair-again", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                processes.log("pair-again"));
        Await.until(
                () -> recordedSessions().size() == recorded.size() + 2,
                WAIT,
                "the kept sessions fetched once the pen is paired again",
                () -> processes.log(gateway));
        List<String> fetched =
                recordedSessions().stream().filter(id -> !recorded.contains(id)).toList();
        Await.until(
                () -> fetched.stream()
                        .allMatch(id -> after(
                                        paired,
                                        "needleguard/SIM-0001/session",
                                        s -> s.path("sessionId").asText().equals(id))
                                .isPresent()),
                WAIT,
                "the fetched sessions published",
                () -> since(paired));
        assertTrue(
                consumer.seen().subList(from, paired).stream()
                        .noneMatch(m -> m.topic().equals("needleguard/SIM-0001/session")),
                "nothing of the forgotten pen was published before it was paired again: " + since(from));
        awaitConnected("the pen connected again");
    }
}
