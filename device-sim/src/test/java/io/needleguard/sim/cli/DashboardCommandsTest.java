package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.history.HistoryQuery;
import io.needleguard.json.SessionJson;
import io.needleguard.sim.cli.NeedleguardProcesses.Result;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import io.needleguard.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard from the command line, each command its own process as a user starts it: {@code demo
 * --dashboard} keeps it up after the replay until stopped, {@code run} serves it at
 * {@code dashboard.listen} and says where; a taken port and a network address without a token stop
 * {@code run} with the exit code and a message that says what to change.
 */
class DashboardCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(int port, String path) {
        try {
            HttpResponse<String> response = get(port, path);
            return response.statusCode() == 200 ? SessionJson.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void demoWithTheDashboardKeepsItUpAfterTheReplayUntilStopped() throws Exception {
        int port = FreePorts.loopback();
        Path data = dir.resolve("data");
        try (NeedleguardProcesses processes = new NeedleguardProcesses(dir)) {
            Process demo = processes.start(
                    "demo",
                    "demo",
                    "--dashboard",
                    "--dashboard-port",
                    Integer.toString(port),
                    "--ms-per-day",
                    "0",
                    "--data-dir",
                    data.toString());
            String stays = "The dashboard stays at http://127.0.0.1:" + port + "/ until Ctrl-C.";
            Await.until(
                    () -> processes.log("demo").contains(stays),
                    WAIT,
                    "the demo to say where the dashboard stays",
                    () -> processes.log("demo"));
            String log = processes.log("demo");
            assertTrue(
                    log.indexOf("dashboard http://127.0.0.1:" + port + "/") < log.indexOf("SIM-0001"),
                    "the address comes first, to open while the pens record: " + log);
            assertTrue(log.contains("Its 'now' is the replay's last moment, Sun 01 Feb 20:08."), log);

            JsonNode overview = json(port, "/api/overview");
            assertEquals("2026-02-01T19:08:00Z", overview.get("now").asText(), "the replay's clock at its end");
            int sessions = json(port, "/api/owners/alex/sessions").size()
                    + json(port, "/api/owners/sam/sessions").size();
            assertEquals(Scenarios.builtIn().sessions().size(), sessions);
            assertTrue(json(port, "/api/pens").get("mqtt").get("connected").asBoolean(), "the embedded broker");
            // Still serving after the replay: the answers above came after it said so.
            assertTrue(demo.isAlive(), "still serving after the replay");
            demo.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops it in order
            assertTrue(demo.waitFor(20, TimeUnit.SECONDS), "stopped when asked: " + processes.log("demo"));
            assertFalse(processes.log("demo").contains("Exception"), processes.log("demo"));
        }
        try (SqliteStore history = SqliteStore.open(data)) {
            assertEquals(
                    Scenarios.builtIn().sessions().size(),
                    history.sessions().list(HistoryQuery.all()).size());
        }
    }

    @Test
    void aDashboardPortWithoutTheDashboardIsAUsageError() {
        Result demo = NeedleguardProcesses.cli("demo", "--dashboard-port", "9000", "--data-dir", dir.toString());
        assertEquals(2, demo.code(), demo.all());
        assertTrue(demo.err().contains("--dashboard-port goes with --dashboard"), demo.all());
        Result port = NeedleguardProcesses.cli("demo", "--dashboard", "--dashboard-port", "70000");
        assertEquals(2, port.code(), port.all());
        assertTrue(port.err().contains("--dashboard-port: 70000 is not a port"), port.all());
    }

    @Test
    void runServesTheDashboardAtTheConfiguredAddressWithWhatThePensRecord() throws Exception {
        int port = FreePorts.loopback();
        Path scenario = Files.writeString(
                dir.resolve("one-session.json"),
                "{\"name\": \"one session\", \"start\": \"2026-01-05T19:00:00Z\","
                        + " \"owners\": [{\"id\": \"me\", \"zone\": \"UTC\"}],"
                        + " \"pens\": [{\"serial\": \"PEN-A\"}],"
                        + " \"sessions\": [{\"pen\": \"PEN-A\", \"at\": \"P0D\", \"area\": \"cheeks\", \"depthMm\": 0.5,"
                        + " \"strokeHz\": 120, \"duration\": \"PT2S\", \"cartridge\": \"A-1\"}]}");
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim, options: {scenario: " + scenario + ", lead-seconds: 1}}\n"
                        + "mqtt: {enabled: false}\n"
                        + "owners: [{id: me, zone: UTC}]\n"
                        + "pens: [{serial: PEN-A, owner: me}]\n"
                        + "dashboard: {listen: '127.0.0.1:" + port + "'}\n");
        try (NeedleguardProcesses processes = new NeedleguardProcesses(dir)) {
            Process run = processes.start("run", "run", "--config", config.toString());
            String where = "dashboard at http://127.0.0.1:" + port + "/ (this machine only)";
            Await.until(
                    () -> processes.log("run").contains(where),
                    WAIT,
                    "run to say where the dashboard is",
                    () -> processes.log("run"));
            Await.until(
                    () -> {
                        JsonNode sessions = json(port, "/api/owners/me/sessions");
                        return sessions != null && sessions.size() == 1;
                    },
                    WAIT,
                    "the pen's session is on the dashboard",
                    () -> processes.log("run"));
            JsonNode pen = json(port, "/api/pens").get("pens").get(0);
            assertEquals("PEN-A", pen.get("serial").asText());
            assertTrue(pen.get("connected").asBoolean());
            assertFalse(json(port, "/api/pens").get("mqtt").get("enabled").asBoolean());
            assertTrue(run.isAlive());
        }
    }

    @Test
    void aTakenPortStopsRunWithCode1NamingTheAddressAndTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = Files.writeString(
                    dir.resolve("needleguard.yaml"),
                    "data-dir: " + dir.resolve("data") + "\n"
                            + "ble: {backend: sim, options: {lead-seconds: 600}}\n"
                            + "mqtt: {enabled: false}\n"
                            + "dashboard: {listen: '127.0.0.1:" + taken.getLocalPort() + "'}\n");
            Result run = NeedleguardProcesses.cli("run", "--config", config.toString());
            assertEquals(1, run.code(), run.all());
            assertTrue(
                    run.err().contains("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()), run.all());
            assertTrue(run.err().contains("dashboard.listen"), run.all());
            assertTrue(run.err().contains("dashboard.enabled: false"), run.all());
        }
    }

    @Test
    void theNetworkWithoutATokenIsAConfigurationErrorNamingTheKeyAndTheFix() throws Exception {
        Path config = Files.writeString(
                dir.resolve("needleguard.yaml"),
                "data-dir: " + dir.resolve("data") + "\n"
                        + "ble: {backend: sim}\n"
                        + "dashboard: {listen: '0.0.0.0:8421'}\n");
        Result run = NeedleguardProcesses.cli("run", "--config", config.toString());
        assertEquals(2, run.code(), run.all());
        assertTrue(run.err().contains("dashboard.token-file: is missing"), run.all());
        assertTrue(run.err().contains("openssl rand -hex 24"), run.all());
        assertFalse(Files.exists(dir.resolve("data")), "nothing started, nothing written");
    }
}
