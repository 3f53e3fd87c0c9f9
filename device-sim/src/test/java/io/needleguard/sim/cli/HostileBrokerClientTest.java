package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can publish on the broker floods the gateway's command topics with what the hostile-input suites
 * send one at a time: depths of 1e300000000 (which used to keep the publisher's thread computing for minutes),
 * payloads of a megabyte, made-up people and pens, malformed JSON, retained commands. Meanwhile a pen records a
 * session: it reaches the broker, the refusals are answered at most ten a minute per topic, and the gateway
 * logs no stack trace. Every part is its own process: the simulated BlueZ with one pen, {@code needleguard
 * run}, a real Mosquitto, the flooding client and a consumer.
 */
class HostileBrokerClientTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BACKEND = "dbus";

    /** What the flood sends, in turn. */
    private static final List<String[]> COMMANDS = List.of(
            new String[] {"needleguard/me/log", "{\"area\": \"neck\", \"depthMm\": 1e300000000, \"duration\": \"5m\"}"},
            new String[] {"needleguard/me/log", "{\"area\": \"neck\", \"depthMm\": -1e-999999999}"},
            new String[] {"needleguard/me/log", "{\"area\": \"neck\", \"depthMm\": 1e99999999999}"},
            new String[] {"needleguard/me/log", "{\"area\": \"cheeks\", \"cartridge\": \"" + "C".repeat(1 << 20) + "\"}"
            },
            new String[] {"needleguard/me/log", "[".repeat(100_000)},
            new String[] {"needleguard/me/log", "{\"area\": \"neck\", \"depthMm\": 0.5, \"at\": \"1970-01-01T00:00\"}"},
            new String[] {"needleguard/nobody/log", "{\"area\": \"neck\", \"depthMm\": 0.5}"},
            new String[] {"needleguard/SIM-0001/area/set", "\u001b[2J" + "x".repeat(1 << 20)},
            new String[] {"needleguard/FAKE-PEN/area/set", "nose"},
            new String[] {"needleguard/SIM-0001/area/set", "cheek\nFAKE ERROR forged line"});

    @Test
    void aPensSessionReachesTheBrokerWhileAFloodOfHostileCommandsIsBeingHandled(@TempDir Path dir) throws Exception {
        BluezTestSupport.assumeReady(BACKEND);
        Mosquitto.assumeInstalled();
        try (Mosquitto broker = Mosquitto.plain(dir.resolve("broker"));
                TestSubscriber sessions = new TestSubscriber(broker.url(), "needleguard/SIM-0001/+");
                TestSubscriber answers = new TestSubscriber(broker.url(), "needleguard/+/error");
                NeedleguardProcesses processes = new NeedleguardProcesses(dir)) {
            processes.startSimulatedBluez(1);
            Path config = dir.resolve("needleguard.yaml");
            Files.writeString(
                    config,
                    "data-dir: " + dir.resolve("data") + "\n"
                            + "ble: {backend: " + BACKEND + "}\n"
                            + "mqtt: {url: '" + broker.url()
                            + "', client-id: ng-hostile-test, discovery: {enabled: false}}\n"
                            + "owners:\n  - {id: me, zone: UTC}\n"
                            + "dashboard: {enabled: false}\n");
            assertEquals(
                    0,
                    processes.run("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001"),
                    processes.log("pair"));
            processes.start("run", "run", "--config", config.toString());
            Await.until(
                    () -> sessions.seen().stream()
                            .anyMatch(m -> m.topic().equals("needleguard/SIM-0001/state")
                                    && m.json().path("connected").asBoolean()),
                    WAIT,
                    "the gateway says it is connected",
                    () -> processes.log("run"));

            long floodStart = System.nanoTime();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread flood = new Thread(() -> flood(broker.url(), flooding, sent), "hostile-client");
            flood.start();
            try {
                Await.until(() -> sent.get() >= 2_000, WAIT, "the flood is under way", () -> sent.get());
                long recorded = System.nanoTime();
                processes.type("start SIM-0001 0.25 120");
                processes.type("stop SIM-0001");
                Await.until(
                        () -> sessions.seen().stream().anyMatch(m -> m.topic().equals("needleguard/SIM-0001/session")),
                        WAIT,
                        "the pen's session reached the broker during the flood (",
                        () -> sent.get() + " commands sent): " + processes.log("run"));
                System.out.printf(
                        "the pen's session reached the broker %.1f s after it was recorded, %d hostile commands into"
                                + " the flood%n",
                        (System.nanoTime() - recorded) / 1e9, sent.get());
            } finally {
                flooding.set(false);
                flood.join();
            }
            int during = sent.get();
            assertTrue(during >= 2_000, "commands sent: " + during);
            // Ten answers a minute per topic: me, SIM-0001, and the made-up ones together per kind of command.
            Await.until(
                    () -> answers.seen().size() >= 10,
                    WAIT,
                    "answers",
                    () -> answers.seen().size());
            // Four topics answered (me/log, SIM-0001/area/set, the made-up people's and the made-up pens'), each
            // in windows of a minute that may straddle the minutes of the flood.
            long minutes = Duration.ofNanos(System.nanoTime() - floodStart).toMinutes() + 2;
            assertTrue(
                    answers.seen().size() <= 4 * 10 * minutes,
                    "answered at most ten a minute per topic, not every one of " + during + ": "
                            + answers.seen().size());
            System.out.printf(
                    "%d hostile commands in %.0f s; %d answered on error topics%n",
                    during,
                    (System.nanoTime() - floodStart) / 1e9,
                    answers.seen().size());
            String log = processes.log("run");
            assertFalse(log.contains("\tat io.needleguard"), "no stack trace:\n" + log);
            assertFalse(log.contains("FAKE ERROR forged line\n"), "no forged log line:\n" + log);
        }
    }

    /** Publishes the commands in turn, as fast as the broker takes them, until told to stop. */
    private static void flood(String url, AtomicBoolean flooding, AtomicInteger sent) {
        try {
            MqttClient client = new MqttClient(url, "hostile-client", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(1000);
            client.connect(options);
            try {
                for (int i = 0; flooding.get(); i++) {
                    String[] command = COMMANDS.get(i % COMMANDS.size());
                    client.publish(command[0], command[1].getBytes(StandardCharsets.UTF_8), 0, i % 50 == 0);
                    sent.incrementAndGet();
                }
            } finally {
                client.disconnect();
                client.close();
            }
        } catch (MqttException e) {
            throw new IllegalStateException("the hostile client could not publish", e);
        }
    }
}
