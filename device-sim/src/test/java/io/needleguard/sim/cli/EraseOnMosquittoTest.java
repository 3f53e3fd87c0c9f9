package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.mqtt.Mosquitto;
import io.needleguard.mqtt.PayloadSchemas;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.mqtt.message.DiscoveryIds;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.cli.NeedleguardProcesses.Result;
import io.needleguard.testing.Await;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needleguard owner erase} against a real Mosquitto, every part its own process: alex leaves a
 * household of two who shared a cartridge. Refused while the configuration lists alex, and while the
 * running gateway started before alex was taken out of it; then, with the gateway and the broker both
 * stopped, erased after the question is answered; once both are back, alex's retained topics are gone
 * from the broker, alex's Home Assistant device is withdrawn, and sam's finding about the shared
 * cartridge is resolved.
 */
class EraseOnMosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BACKEND = "dbus";
    private static final String ALEX_DEVICE =
            "homeassistant/device/" + DiscoveryIds.person("needleguard", "alex") + "/config";

    @TempDir
    Path dir;

    private NeedleguardProcesses processes;
    private Mosquitto broker;
    private TestSubscriber homeAssistant;
    private Path config;

    @AfterEach
    void stop() throws Exception {
        if (homeAssistant != null) {
            PayloadSchemas.assertAllValid(homeAssistant.seen().stream()
                    .filter(m -> m.topic().startsWith("needleguard/")
                            && !(m.json().isTextual() && m.json().asText().isEmpty()))
                    .toList());
            homeAssistant.close();
        }
        if (processes != null) {
            processes.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void configure(boolean withAlex) throws Exception {
        Files.writeString(
                config,
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: " + BACKEND + "}\n"
                        + "mqtt: {url: '" + broker.url() + "', client-id: ng-erase-test}\n"
                        + "owners:\n"
                        + (withAlex ? "  - {id: alex, zone: UTC}\n" : "")
                        + "  - {id: sam, zone: UTC}\n"
                        + "pens:\n  - {serial: SIM-0001, owner: sam}\n"
                        + "backup: {schedule: daily}\n"
                        + "dashboard: {enabled: false}\n");
    }

    private Result command(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return NeedleguardProcesses.cli(all.toArray(String[]::new));
    }

    private boolean seen(String topic, java.util.function.Predicate<TestSubscriber.Received> matching) {
        return homeAssistant.seen().stream().anyMatch(m -> m.topic().equals(topic) && matching.test(m));
    }

    private static boolean empty(TestSubscriber.Received m) {
        return m.json().isTextual() && m.json().asText().isEmpty();
    }

    @Test
    void aPersonErasedWhileBrokerAndGatewayAreDownIsGoneFromTheBrokerOnceTheyAreBack() throws Exception {
        BluezTestSupport.assumeReady(BACKEND);
        Mosquitto.assumeInstalled();
        broker = Mosquitto.plain(dir.resolve("broker"));
        homeAssistant = TestSubscriber.persistent(broker.url(), "home-assistant", "needleguard/#", "homeassistant/#");
        processes = new NeedleguardProcesses(dir);
        processes.startSimulatedBluez(1);
        config = dir.resolve("needleguard.yaml");
        configure(true);
        processes.start("run", "run", "--config", config.toString());
        Await.until(
                () -> seen(ALEX_DEVICE, m -> !empty(m)) && seen("needleguard/alex/next-safe", m -> true),
                WAIT,
                "alex's device and next safe times are on the broker",
                () -> processes.log("run"));
        Await.until(
                () -> seen(
                        "needleguard/gateway",
                        m -> m.json().path("backup").path("lastFile").asText().startsWith("needleguard-")),
                WAIT,
                "the gateway's state says the automatic backup made at start",
                () -> processes.log("run"));

        String twoDaysAgo = Instant.now()
                .minus(Duration.ofDays(2))
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
        String yesterday = Instant.now()
                .minus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
        Result alexLogs = command(
                "log",
                "--owner",
                "alex",
                "--area",
                "cheeks",
                "--depth",
                "0.25",
                "--duration",
                "8m",
                "--at",
                twoDaysAgo,
                "--cartridge",
                "SHARED-1");
        assertEquals(0, alexLogs.code(), alexLogs.all());
        Result samLogs = command(
                "log",
                "--owner",
                "sam",
                "--area",
                "cheeks",
                "--depth",
                "0.25",
                "--duration",
                "8m",
                "--at",
                yesterday,
                "--cartridge",
                "SHARED-1");
        assertTrue(samLogs.out().contains("cartridge.reuse"), "sam used alex's cartridge: " + samLogs.all());
        assertEquals(
                0, command("condition", "add", "sunburn", "--owner", "alex").code());
        Await.until(
                () -> seen("needleguard/alex/session", m -> true) && seen("needleguard/sam/alert", m -> true),
                WAIT,
                "alex's session and sam's alert published",
                () -> processes.log("run"));

        // Refused while the configuration lists alex.
        Result listed = command("owner", "erase", "alex", "--yes");
        assertEquals(2, listed.code(), listed.all());
        assertTrue(listed.err().contains("lists alex under owners:; remove them there"), listed.err());

        // Refused while the running gateway started before alex left the configuration.
        configure(false);
        Files.setLastModifiedTime(
                config, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(2)));
        Result stale = command("owner", "erase", "alex", "--yes");
        assertEquals(2, stale.code(), stale.all());
        assertTrue(stale.err().contains("started before " + config + " last changed"), stale.err());

        // Gateway and broker down: the erase goes into the outbox; the question is answered on standard input.
        processes.stop("run");
        broker.stop();
        Process erase = processes.start("erase", "owner", "erase", "alex", "--config", config.toString());
        try (OutputStream answer = erase.getOutputStream()) {
            answer.write("yes\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(erase.waitFor(60, TimeUnit.SECONDS), processes.log("erase"));
        assertEquals(0, erase.exitValue(), processes.log("erase"));
        String said = processes.log("erase");
        assertTrue(said.contains("This erases everything needleguard holds about alex:"), said);
        assertTrue(said.contains("withdraws their Home Assistant device (" + ALEX_DEVICE + ")"), said);
        assertTrue(
                said.contains(
                        "Backups made before now still hold alex's data: 1 backup in " + dir.resolve("data/backups")),
                said);
        assertTrue(said.contains("Erased alex: 1 session, "), said);
        assertTrue(said.contains("1 session of other people judged again without them"), said);
        assertEquals(2, command("history", "--owner", "alex").code(), "alex is not known any more");

        int from = homeAssistant.seen().size();
        broker.start();
        processes.start("run-again", "run", "--config", config.toString());
        Await.until(
                () -> homeAssistant.seen().subList(from, homeAssistant.seen().size()).stream()
                        .anyMatch(m -> m.topic().equals("needleguard/sam/alert")
                                && m.json().path("rule").asText().equals("cartridge.reuse")
                                && m.json().path("resolved").asBoolean()),
                WAIT,
                "sam's finding about alex's cartridge is resolved",
                () -> processes.log("run-again"));
        for (String topic : List.of(ALEX_DEVICE, "needleguard/alex/next-safe", "needleguard/alex/latest-alert")) {
            Await.until(
                    () -> homeAssistant
                            .seen()
                            .subList(from, homeAssistant.seen().size())
                            .stream()
                            .anyMatch(m -> m.topic().equals(topic) && empty(m)),
                    WAIT,
                    topic + " is cleared",
                    () -> processes.log("run-again"));
        }

        // A consumer that subscribes now gets nothing retained of alex's; a marker sent after subscribing
        // arrives after every retained message the broker holds.
        try (TestSubscriber fresh =
                new TestSubscriber(broker.url(), "needleguard/#", "homeassistant/#", "erase-test/#")) {
            fresh.publish("erase-test/marker", "after the retained ones");
            Await.until(
                    () -> fresh.seen().stream().anyMatch(m -> m.topic().equals("erase-test/marker")),
                    WAIT,
                    "the marker came back");
            List<String> alexRetained = fresh.seen().stream()
                    .filter(m -> m.retained()
                            && (m.topic().contains("/alex/") || m.topic().equals(ALEX_DEVICE)))
                    .map(TestSubscriber.Received::topic)
                    .toList();
            assertEquals(List.of(), alexRetained, "nothing retained about alex is left on the broker");
            assertTrue(
                    fresh.seen().stream()
                            .anyMatch(m -> m.retained() && m.topic().equals("needleguard/sam/next-safe")),
                    "sam's are still there: " + fresh.seen());
        }
    }
}
