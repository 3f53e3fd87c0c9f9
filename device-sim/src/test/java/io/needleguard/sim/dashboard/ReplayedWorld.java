package io.needleguard.sim.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.backup.BackupStatus;
import io.needleguard.cli.Main;
import io.needleguard.dashboard.DashboardPorts;
import io.needleguard.dashboard.DashboardServer;
import io.needleguard.dashboard.HouseholdSetup;
import io.needleguard.dashboard.MqttState;
import io.needleguard.dashboard.ReportPrinter;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdFile;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.SessionId;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioOwner;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.sim.world.PenTransport;
import io.needleguard.sim.world.Simulation;
import io.needleguard.store.SqliteStore;
import io.needleguard.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in four weeks replayed through the real gateway into a SQLite history on disk, with the
 * dashboard served from the running gateway on a free loopback port, as {@code demo --dashboard} does.
 * The simulation stays open afterwards: its pens stay in range, and a test can have one record more.
 */
final class ReplayedWorld implements AutoCloseable {

    final Scenario scenario = Scenarios.builtIn();
    final Path dataDir;
    final SqliteStore store;
    final Simulation simulation;
    DashboardServer dashboard;
    private final Path config;
    final HouseholdChanges household;
    private final HttpClient http = HttpClient.newHttpClient();

    private ReplayedWorld(Path dir) throws Exception {
        this.dataDir = dir.resolve("data");
        this.store = SqliteStore.open(dataDir);
        this.dashboard = DashboardServer.start(DashboardSettings.loopback(0));
        this.simulation = new Simulation(
                scenario,
                Simulation.clockFor(scenario),
                store.history(),
                List.of(),
                dashboard::wire,
                PenTransport.IN_PROCESS);
        // The command line reads the same people (with their skin types) and the default rules; the page
        // sets up the rest of the household through the same API, and shows the file's people as set there.
        this.config = dir.resolve("needleguard.yaml");
        this.household = new HouseholdChanges(
                new HouseholdFile(
                        Optional.of(config.toString()),
                        simulation.gateway().household().owners(),
                        Map.of(),
                        List.of()),
                store.household(),
                serial -> simulation.gateway().recordedPens().contains(serial),
                ZoneId.of("UTC"),
                simulation.clock());
        serve();
        simulation.run();
        Files.writeString(
                config,
                "owners:\n"
                        + scenario.owners().stream()
                                .map(ReplayedWorld::ownerYaml)
                                .collect(Collectors.joining()));
    }

    static ReplayedWorld start(Path dir) throws Exception {
        return new ReplayedWorld(dir);
    }

    private static String ownerYaml(ScenarioOwner o) {
        return "  - {id: " + o.id() + ", zone: " + o.zone().getId()
                + o.skinType().map(t -> ", skin-type: " + t.id()).orElse("") + "}\n";
    }

    /** The gateway's now: the replay's clock, at the replay's last moment until a test moves it. */
    Instant now() {
        return simulation.clock().instant();
    }

    ZoneId zone(String owner) {
        return scenario.owner(owner).orElseThrow().zone();
    }

    /** The configuration file the command line is given (the page names it for the people it lists). */
    Path configFile() {
        return config;
    }

    String url(String path) {
        return dashboard.url().resolve(path).toString();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code needleguard <args> --data-dir <this history> --config <its people>}: what it printed. */
    String cli(String... args) {
        return cli(0, args);
    }

    /** The same for a command that is refused (exit 2): what it printed on standard error. */
    String refusedByCli(String... args) {
        return cli(2, args);
    }

    private String cli(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        assertEquals(expectedCode, code, String.join(" ", args) + ": " + out + err);
        return expectedCode == 0 ? out.toString() : err.toString();
    }

    /** What {@code needleguard status --owner OWNER --at <now>} says, area by area. */
    StatusOutput status(String owner) {
        String at = SessionJson.time(now(), zone(owner));
        return StatusOutput.parse(cli("status", "--owner", owner, "--at", at), now().atZone(zone(owner)));
    }

    List<RecordedSession> sessions(String owner) {
        return store.sessions().list(HistoryQuery.all().withOwner(owner));
    }

    /**
     * The pen records one more session, a day after the replay ended, while everything runs: it is on
     * {@code area} at {@code depth}, for five minutes. Returns once the history has it.
     */
    RecordedSession recordOneMore(String serial, Area area, String depthMm, String cartridge)
            throws InterruptedException {
        SimulatedPen pen = simulation.player().pens().get(serial);
        long before =
                store.sessions().lastSession(serial).map(SessionId::counter).orElse(0L);
        simulation.clock().advance(Duration.ofDays(1));
        pen.selectArea(area);
        pen.start(Depth.ofMm(depthMm), 120, cartridge);
        simulation.clock().advance(Duration.ofMinutes(5));
        pen.stop();
        Await.until(
                () -> store.sessions()
                                .lastSession(serial)
                                .map(SessionId::counter)
                                .orElse(0L)
                        > before,
                Duration.ofSeconds(10),
                "the gateway to record the new session of " + serial);
        assertTrue(simulation.gateway().awaitIdle(Duration.ofSeconds(10)));
        return store.sessions().find(new SessionId(serial, before + 1)).orElseThrow();
    }

    /** The dashboard stops answering, as when the gateway's process ends; the pens and history go on. */
    void stopDashboard() {
        dashboard.close();
    }

    /**
     * A dashboard answers again on the same port, for the same gateway, as after a restart. It is not
     * wired into the gateway (that is done once, when the gateway is built): it answers, but hears no
     * live change.
     */
    void restartDashboard() {
        int port = dashboard.port();
        dashboard = DashboardServer.start(DashboardSettings.loopback(port));
        serve();
    }

    private void serve() {
        dashboard.serve(
                DashboardPorts.of(simulation.gateway())
                        .withHousehold(HouseholdSetup.of(household, simulation.gateway()::refresh)),
                MqttState.OFF,
                ReportPrinter.NONE,
                () -> BackupStatus.OFF);
    }

    @Override
    public void close() {
        simulation.close();
        dashboard.close();
        store.close();
    }
}
