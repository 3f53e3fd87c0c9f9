package io.needleguard.sim.cli;

import io.needleguard.backup.BackupStatus;
import io.needleguard.cli.ExitCodes;
import io.needleguard.cli.Main;
import io.needleguard.cli.SessionText;
import io.needleguard.config.DataDirectories;
import io.needleguard.dashboard.DashboardException;
import io.needleguard.dashboard.DashboardServer;
import io.needleguard.dashboard.MqttState;
import io.needleguard.dashboard.settings.DashboardSettings;
import io.needleguard.gateway.Gateway;
import io.needleguard.household.Household;
import io.needleguard.mqtt.MqttSettings;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.report.PdfReport;
import io.needleguard.sim.bluez.BluezTransport;
import io.needleguard.sim.bluez.PrivateBusProcess;
import io.needleguard.sim.mqtt.EmbeddedBroker;
import io.needleguard.sim.mqtt.MqttTap;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioReader;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.sim.time.VirtualClock;
import io.needleguard.sim.world.PenTransport;
import io.needleguard.sim.world.ScenarioPlayer;
import io.needleguard.sim.world.Simulation;
import io.needleguard.store.DataDirectoryLock;
import io.needleguard.store.SqliteStore;
import io.needleguard.text.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard demo}: the whole gateway against simulated pens, with no setup. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the gateway against simulated pens: four weeks of home use in seconds.",
            "",
            "Three simulated pens replay a scenario in virtual time. You see every session as it is recorded and every safety finding with its reason; everything is published to an MQTT broker (an embedded one unless --mqtt is given) and kept in the history."
        })
final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "Replay this scenario file instead of the built-in one (format: src/docs/scenarios.md).")
    Path scenarioFile;

    @Option(
            names = "--mqtt",
            paramLabel = "URL",
            description = "Publish to this broker (tcp://HOST:PORT) instead of an embedded one.")
    String mqtt;

    @Option(
            names = "--ms-per-day",
            paramLabel = "MS",
            defaultValue = "100",
            description =
                    "Wall-clock milliseconds per simulated day, to read along (default: ${DEFAULT-VALUE}; 0 = as fast as possible).")
    long msPerDay;

    @Option(
            names = "--dashboard",
            description =
                    "Serve the local dashboard (http://127.0.0.1:8421/) while the pens record, and keep it up "
                            + "after the replay until Ctrl-C. Its 'now' is the replay's clock: at the end, the replay's last moment.")
    boolean dashboard;

    @Option(
            names = "--dashboard-port",
            paramLabel = "PORT",
            defaultValue = "" + DashboardSettings.DEFAULT_PORT,
            description = "The dashboard's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 takes any free port).")
    int dashboardPort;

    @Option(
            names = "--discovery",
            description = "Announce the simulated pens to Home Assistant (MQTT discovery); off by default "
                    + "so that trying the demo against your broker does not add devices to your home.")
    boolean discovery;

    /** How the gateway reaches the simulated pens. */
    enum Ble {
        in_process,
        bluez_sim
    }

    @Option(
            names = "--ble",
            paramLabel = "TRANSPORT",
            defaultValue = "in-process",
            converter = BleConverter.class,
            description = {
                "in-process (default): the simulated pens sit behind the gateway's Bluetooth port in this process.",
                "bluez-sim: they are served by a simulated BlueZ on a private D-Bus bus, and the gateway reaches them with its real "
                        + "Bluetooth backend, chosen as ble.backend: auto chooses (Linux, Debian package dbus)."
            })
    Ble ble;

    @Option(
            names = "--ble-backend",
            paramLabel = "BACKEND",
            defaultValue = "auto",
            description =
                    "With --ble bluez-sim: the gateway's Bluetooth backend, auto (default: TinyB where its native "
                            + "libraries load, else dbus), tinyb or dbus.")
    String backend;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep the demo's history in DIR and add to it: a second run stores nothing new. Default: "
                    + "the demo's own directory, $XDG_STATE_HOME/needleguard/demo or ~/.local/state/needleguard/demo, "
                    + "started afresh at each run and kept afterwards to look at; never your real history unless "
                    + "you name its directory here.")
    Path dataDir;

    /** Where the demo's own directory is found from ($XDG_STATE_HOME, $HOME); tests give their own. */
    Map<String, String> environment = System.getenv();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (msPerDay < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--ms-per-day cannot be negative: " + msPerDay);
        }
        if (!dashboard && spec.commandLine().getParseResult().hasMatchedOption("--dashboard-port")) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--dashboard-port goes with --dashboard: add --dashboard to serve it");
        }
        if (dashboardPort < 0 || dashboardPort > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--dashboard-port: " + dashboardPort + " is not a port; use 1 to 65535, or 0");
        }
        if (!List.of("auto", "tinyb", "dbus").contains(backend)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--ble-backend: '" + backend + "' is not one of auto, tinyb, dbus");
        }
        if (ble == Ble.bluez_sim && !BluezTransport.privateBusConfigured()) {
            // TinyB finds the bus through the environment, fixed at start: run again with it set.
            return PrivateBusProcess.rerun(spec.commandLine().getParseResult().originalArgs());
        }
        Scenario scenario = scenarioFile == null ? Scenarios.builtIn() : new ScenarioReader().read(scenarioFile);
        Household household = Simulation.household(scenario);
        PrintWriter out = spec.commandLine().getOut();
        SessionText text = new SessionText(Ansi.AUTO);
        Path dir = dataDir != null ? dataDir : DataDirectories.demoDir(environment);

        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        if (dashboard) {
            // Ctrl-C ends the wait after the replay; the JVM halts once this hook returns, so it waits for the
            // orderly stop (the history closed) first.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stopped.countDown();
                                awaitQuietly(finished);
                            },
                            "needleguard-demo-stop"));
        }
        try (DataDirectoryLock lock = lock(dir, dataDir == null);
                EmbeddedBroker broker = mqtt == null ? EmbeddedBroker.start() : null;
                SqliteStore store = SqliteStore.open(dir);
                DashboardServer web = dashboard ? dashboard() : null) {
            String url = mqtt != null ? mqtt : broker.url();
            MqttSettings settings = MqttSettings.of(url, "needleguard-demo", MqttSettings.DEFAULT_ROOT)
                    .withDiscovery(discovery ? MqttSettings.Discovery.ON : MqttSettings.Discovery.OFF);
            DemoSummary.header(out, text, scenario, store, url, broker != null, ble, backend, web);
            LiveView view = new LiveView(out, text, household);
            VirtualClock clock = Simulation.clockFor(scenario);
            try (MqttBridge mqtt = MqttBridge.builder(settings)
                            .household(household)
                            .clock(clock)
                            .store(
                                    store.outbox(),
                                    store.announced(),
                                    store.history().transactions())
                            .version(Main.version())
                            .start();
                    MqttTap tap = tap(url, mqtt.topics().all())) {
                PenTransport transport = ble == Ble.bluez_sim ? new BluezTransport(backend) : PenTransport.IN_PROCESS;
                try (Simulation simulation = new Simulation(
                        scenario,
                        clock,
                        store.history(),
                        List.of(view),
                        builder -> web == null ? mqtt.wire(builder) : web.wire(mqtt.wire(builder)),
                        transport)) {
                    Gateway gateway = simulation.gateway();
                    mqtt.serve(gateway);
                    if (web != null) {
                        web.serve(
                                gateway,
                                MqttState.of(url, mqtt::isConnected, mqtt::waiting),
                                report -> PdfReport.render(report, Main.version()),
                                () -> BackupStatus.OFF);
                    }
                    ZoneId zone = scenario.start().getOffset();
                    ScenarioPlayer.Time time = msPerDay == 0
                            ? ScenarioPlayer.Time.virtual(simulation.clock())
                            : ScenarioPlayer.Time.paced(simulation.clock(), Duration.ofMillis(msPerDay));
                    simulation.run(time, event -> view.world(event, zone));
                    if (web != null) {
                        // The pens stay in range and the gateway keeps running, for the dashboard to show.
                        int code = finish(out, text, scenario, view, store, mqtt, tap, url);
                        out.println();
                        out.println(text.bold("The dashboard stays at " + web.url()) + " until Ctrl-C. Its 'now' is "
                                + "the replay's last moment, "
                                + SessionText.DAY_TIME.format(clock.instant().atZone(zone)) + ".");
                        out.flush();
                        stopped.await();
                        return code;
                    }
                }
                return finish(out, text, scenario, view, store, mqtt, tap, url);
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * The demo is a gateway: one per data directory, as for {@code run}. Its own directory is started
     * afresh, under the lock, so that a second demo never removes the history of one still running.
     */
    private static DataDirectoryLock lock(Path dir, boolean ownDirectory) {
        DataDirectoryLock lock;
        try {
            lock = DataDirectoryLock.acquire(dir);
        } catch (DataDirectoryLock.InUse e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (ownDirectory) {
            try {
                SqliteStore.removeHistory(dir);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }
        return lock;
    }

    /** Waits for the broker to acknowledge everything and prints the summary; the exit code. */
    private static int finish(
            PrintWriter out,
            SessionText text,
            Scenario scenario,
            LiveView view,
            SqliteStore store,
            MqttBridge mqtt,
            MqttTap tap,
            String url)
            throws InterruptedException {
        boolean delivered = mqtt.awaitDelivered(DELIVERY);
        if (tap != null) {
            tap.awaitEvents(mqtt.delivered(), Duration.ofSeconds(5));
        }
        DemoSummary.summary(out, text, scenario, view, store, mqtt, tap, url);
        return delivered ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private DashboardServer dashboard() {
        try {
            return DashboardServer.start(DashboardSettings.loopback(dashboardPort));
        } catch (DashboardException e) {
            throw new DashboardException(
                    e.getMessage() + "; is another needleguard running? Choose another port with --dashboard-port", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code in-process}, {@code bluez-sim}: the option's values as users type them. */
    static final class BleConverter implements picocli.CommandLine.ITypeConverter<Ble> {
        @Override
        public Ble convert(String value) {
            return switch (value) {
                case "in-process" -> Ble.in_process;
                case "bluez-sim" -> Ble.bluez_sim;
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a transport; use in-process or bluez-sim");
            };
        }
    }

    private static MqttTap tap(String url, String topics) {
        try {
            return new MqttTap(url, topics);
        } catch (IOException e) {
            log.warn(
                    "cannot subscribe to {} to count what arrives ({}); the summary shows what the broker acknowledged",
                    url,
                    e.getMessage());
            return null;
        }
    }
}
