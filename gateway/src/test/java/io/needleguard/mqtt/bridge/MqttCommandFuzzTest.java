package io.needleguard.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.InMemoryHistory;
import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.message.Messages;
import io.needleguard.mqtt.message.OutboxChangeLog;
import io.needleguard.mqtt.message.Topics;
import io.needleguard.mqtt.transport.MqttTransport;
import io.needleguard.outbox.MemoryOutbox;
import io.needleguard.outbox.OutboundMessage;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Depth;
import io.needleguard.testing.CpuBudget;
import io.needleguard.testing.HostileInput;
import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import io.needleguard.text.Quote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What anyone who can publish on the broker can send to the gateway's command topics ({@code <root>/<owner>/log},
 * {@code <root>/<pen>/area/set}): payloads with numbers such as 1e300000000, ten megabytes of text, JSON nested
 * a hundred thousand deep, control characters, made-up people and pens, retained or not. Every command is
 * answered (carried out, refused on the error topic, or ignored) within {@link CpuBudget#PER_INPUT} of CPU, the
 * answers and log lines are bounded in size whatever was sent, and the handlers never throw. 900 commands
 * here; {@code MqttCommandFuzzLongRun} sends 30,000 ({@code -Preliability}). jqwik prints each run's seed;
 * {@code @Property(seed = "...")} repeats one.
 */
class MqttCommandFuzzTest {

    /** The largest answer or log line one command may cause, whatever it was. */
    static final int LONGEST_OUTPUT = 8 * 1024;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final byte[] WARM_UP_LOG =
            "{\"area\": \"cheek\", \"depthMm\": 1e300000000}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WARM_UP_AREA = "cheek".getBytes(StandardCharsets.UTF_8);

    /** The handlers, over in-memory fakes, shared by every try of a run: state builds up as on a gateway. */
    static final class Gateway {
        final TestClock clock = new TestClock(Instant.parse("2026-11-28T20:00:00Z"));
        final MemoryOutbox outbox = new MemoryOutbox();
        final List<OutboundMessage> retained = new CopyOnWriteArrayList<>();
        final LogCommandHandler logCommands;
        final AreaCommandHandler areaCommands;
        final CpuBudget budget;
        final LogCapture log = new LogCapture("io.needleguard");

        /** @param budget measures each command, and counts them for the summary (the caller closes it) */
        Gateway(CpuBudget budget) {
            this.budget = budget;
            InMemoryHistory history = new InMemoryHistory();
            Household household = new Household(
                    List.of(new Owner("alex", BERLIN), new Owner("sam", BERLIN)),
                    Map.of("SIM-0001", "alex"),
                    List.of(new Device("roller-1", Device.Kind.ROLLER, "alex", Optional.of(Depth.ofMm("0.5")))),
                    BERLIN);
            Messages messages = new Messages(new Topics("needleguard"), household::zoneOf);
            history.transactions().with(outbox);
            SessionRecorder recorder = new SessionRecorder(
                    history.history(),
                    SafetyCheck.standard(),
                    household,
                    clock,
                    RecorderListener.NONE,
                    new OutboxChangeLog(messages, outbox));
            logCommands = new LogCommandHandler(
                    messages, retained::add, outbox, () -> {}, household, recorder.handLog(), clock);
            areaCommands = new AreaCommandHandler(
                    messages,
                    retained::add,
                    outbox,
                    () -> {},
                    () -> List.of("SIM-0001"),
                    pen -> MqttBridge.areasFor(SafetyCheck.standard(), household.ownerOfPen(pen)),
                    (pen, area) -> {},
                    clock);
            // What is measured is the handling, not the JVM loading and compiling the classes it uses.
            for (int i = 0; i < 200; i++) {
                logCommands.arrived("needleguard/alex/log", WARM_UP_LOG, false);
                areaCommands.arrived("needleguard/SIM-0001/area/set", WARM_UP_AREA, false);
                clock.advance(Duration.ofMinutes(1));
            }
            outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
        }

        /**
         * One command, as the transport hands it over: answered within the CPU budget, never throwing, its
         * answers and log lines bounded.
         */
        void send(String topic, String payload, boolean isRetained) {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            int answered = outbox.size();
            int logged = log.size();
            MqttTransport.Inbound handler = topic.endsWith("/log") ? logCommands : areaCommands;
            String what = Quote.brief(topic, 60) + " " + Quote.brief(payload, 200) + (isRetained ? " (retained)" : "");
            CpuBudget.Answer<Object> answer = budget.answer(what, () -> {
                handler.arrived(topic, bytes, isRetained);
                logCommands.endRefusalWindows();
                areaCommands.endRefusalWindows();
                return null;
            });
            assertNull(answer.thrown(), () -> what + " threw " + answer.thrown());
            List<OutboundMessage> sent = outbox.waiting();
            // A session logged goes out with an alert per finding, and the sessions after it judged again: a
            // few dozen at most, however large the command.
            assertTrue(sent.size() - answered <= 30, what + " caused " + (sent.size() - answered) + " messages");
            for (OutboundMessage m : sent.subList(answered, sent.size())) {
                assertTrue(
                        m.payload().length <= LONGEST_OUTPUT,
                        what + " was answered with " + m.payload().length + " bytes");
            }
            for (String line : log.messagesFrom(logged)) {
                assertTrue(line.length() <= LONGEST_OUTPUT, what + " was logged in " + line.length() + " characters");
            }
            retained.forEach(m -> assertTrue(m.payload().length == 0, "only empty retained messages (clearing)"));
            outbox.oldest(Integer.MAX_VALUE).forEach(e -> outbox.acknowledge(e.id()));
            // A minute on: every refusal is answered, not only the first ten of the run.
            clock.advance(Duration.ofMinutes(1));
        }

        void close() {
            log.close();
        }
    }

    private static final CpuBudget budget = new CpuBudget();
    private static Gateway gateway;

    @BeforeContainer
    static void start() {
        gateway = new Gateway(budget);
    }

    @AfterContainer
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        System.out.println("MQTT commands: " + budget.summary());
        budget.close();
    }

    // Shrinking is off: a try that hangs would be tried again and again in smaller forms, each for 30 s.
    @Property(tries = 600, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyLogCommandIsAnsweredPromptlyAndBriefly(
            @ForAll("logTopics") String topic, @ForAll("logPayloads") String payload, @ForAll boolean retained) {
        gateway.send(topic, payload, retained && payload.hashCode() % 8 == 0);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyAreaCommandIsAnsweredPromptlyAndBriefly(
            @ForAll("areaTopics") String topic, @ForAll("areaPayloads") String payload, @ForAll boolean retained) {
        gateway.send(topic, payload, retained && payload.hashCode() % 8 == 0);
    }

    @Provide
    static Arbitrary<String> logTopics() {
        return levels("alex", "sam").map(level -> "needleguard/" + level + "/log");
    }

    @Provide
    static Arbitrary<String> areaTopics() {
        return levels("SIM-0001", "SIM-0002").map(level -> "needleguard/" + level + "/area/set");
    }

    /** A person's or pen's level: mostly real ones, else anything a topic level can hold. */
    private static Arbitrary<String> levels(String... known) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(known)),
                net.jqwik.api.Tuple.of(
                        1,
                        HostileInput.texts()
                                .filter(t -> t.length() < 60_000)
                                .map(t -> t.replaceAll("[/+#\u0000]", "_"))));
    }

    @Provide
    static Arbitrary<String> logPayloads() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, sessions()),
                net.jqwik.api.Tuple.of(
                        2,
                        HostileInput.jsonObjects(
                                List.of("area", "depthMm", "duration", "at", "cartridge", "device", "schemaVersion"))),
                net.jqwik.api.Tuple.of(1, HostileInput.texts()));
    }

    /** Log commands shaped like real ones, each field ordinary or hostile. */
    static Arbitrary<String> sessions() {
        return Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.of("cheeks", "neck", "eyelids"), HostileInput.texts()),
                        Arbitraries.oneOf(Arbitraries.of("0.5", "0.25"), HostileInput.numbers()),
                        Arbitraries.oneOf(Arbitraries.of("8m", "10m"), HostileInput.durations()),
                        Arbitraries.oneOf(Arbitraries.of("2026-11-28T19:00"), HostileInput.dates()),
                        Arbitraries.oneOf(Arbitraries.of("C-12"), HostileInput.texts()))
                .as((area, depth, duration, at, cartridge) -> "{\"area\": " + HostileInput.jsonString(area)
                        + ", \"depthMm\": " + depth + ", \"duration\": " + HostileInput.jsonString(duration)
                        + ", \"at\": " + HostileInput.jsonString(at) + ", \"cartridge\": "
                        + HostileInput.jsonString(cartridge) + "}");
    }

    @Provide
    static Arbitrary<String> areaPayloads() {
        return Arbitraries.oneOf(Arbitraries.of("nose", "chin", "eyelids", " cheeks\n"), HostileInput.texts());
    }
}
