package io.needleguard.cli;

import io.needleguard.backup.AutomaticBackups;
import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.BackupStatus;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import io.needleguard.config.ConfigExample;
import io.needleguard.config.ConfigException;
import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.dashboard.DashboardException;
import io.needleguard.dashboard.DashboardPorts;
import io.needleguard.dashboard.DashboardServer;
import io.needleguard.dashboard.HouseholdSetup;
import io.needleguard.dashboard.MqttState;
import io.needleguard.gateway.Gateway;
import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.mqtt.bridge.MqttBridge;
import io.needleguard.report.PdfReport;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.store.BackupDirectory;
import io.needleguard.store.ConfigAtStartFile;
import io.needleguard.store.DataDirectoryLock;
import io.needleguard.store.SqliteStore;
import io.needleguard.text.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code needleguard run}: the gateway as a service, until stopped. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the gateway until stopped (Ctrl-C or SIGTERM).",
            "",
            "Connects to the configured pens, records and checks every session, keeps the history and publishes over MQTT.",
            "Serves the local dashboard at dashboard.listen (default http://127.0.0.1:8421/) unless dashboard.enabled is false."
        })
final class RunCommand implements Callable<Integer>, Main.LongRunning {

    /**
     * The household API over the file and the history, and the household in force it gives, followed while
     * the gateway runs (people, pen owners and devices changed from the command line, MQTT or the page are
     * recorded, judged and published at once). A resource only so that it is made after the history is
     * opened; closing it does nothing.
     */
    private record LiveHousehold(HouseholdChanges changes, HouseholdInForce inForce) implements AutoCloseable {
        LiveHousehold(HouseholdChanges changes) {
            this(changes, HouseholdInForce.of(changes));
        }

        @Override
        public void close() {}
    }

    private static final Logger log = LoggerFactory.getLogger("needleguard");

    @Mixin
    StateOptions options;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = options.config().loadRequired(ConfigLoader.forThisMachine());
        BleBackendProvider provider = provider(cfg.ble().backend());
        Clock clock = Clock.systemUTC();
        Path dir = options.dataDir().resolve(cfg.dataDir());
        SafetyCheck check = SafetyCheck.standard(cfg.ruleBook());
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // The JVM halts once shutdown hooks return, so the hook waits for the orderly stop below.
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    awaitQuietly(finished, Duration.ofSeconds(20));
                },
                "needleguard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicReference<BleException> bluetoothFailed = new AtomicReference<>();
        try (DataDirectoryLock lock = lock(dir);
                SqliteStore store = SqliteStore.open(dir);
                LiveHousehold household = new LiveHousehold(
                        LocalState.changes(cfg, options.config().file(), store, ZoneId.systemDefault(), clock));
                DashboardServer dashboard = cfg.dashboard().enabled() ? dashboard(cfg) : null;
                BleBackend backend = open(provider, clock, cfg);
                MqttBridge mqtt = cfg.mqtt().enabled()
                        ? MqttBridge.builder(cfg.mqtt().settings())
                                .household(household.inForce())
                                .lending(household.changes())
                                .clock(clock)
                                .store(
                                        store.outbox(),
                                        store.announced(),
                                        store.history().transactions())
                                .safetyCheck(check)
                                .version(Main.version())
                                .start()
                        : null) {
            // A simulator's own pens are recorded without pairing: trying Home Assistant with 'ble.backend:
            // sim' works from the example configuration.
            Map<String, String> simulated = backend.simulatedPens();
            Supplier<Set<String>> recorded = () -> {
                Set<String> all = new java.util.TreeSet<>(LocalState.pens(cfg, store.pairings()));
                all.addAll(simulated.keySet());
                return all;
            };
            Set<String> pens = recorded.get();
            if (pens.isEmpty()) {
                log.warn(
                        "no pens paired: pair yours with 'needleguard pair', or list it under pens: in {} (see {});"
                                + " nothing will be recorded",
                        options.config().file().orElseThrow(),
                        ConfigExample.path());
            }
            backend.onFailure(problem -> {
                if (bluetoothFailed.compareAndSet(null, problem)) {
                    log.error("{}", problem.getMessage());
                    stopped.countDown();
                }
            });
            Gateway.Builder builder = Gateway.builder()
                    .clock(clock)
                    .backend(backend)
                    .history(store.history())
                    .household(household.inForce())
                    .sessionOwners(household.changes())
                    .safetyCheck(check)
                    .clockTrust(new SystemClockTrust(TimeSync.system()))
                    .allowlist(LocalState.allowlist(cfg, store.pairings(), clock, simulated))
                    .pens(recorded)
                    .listener(new SessionLog());
            if (mqtt != null) {
                mqtt.wire(builder);
            }
            if (dashboard != null) {
                dashboard.wire(builder);
            }
            try (Gateway gateway = builder.build();
                    AutomaticBackups backups = automaticBackups(cfg.backup().plan(dir), dir, clock, mqtt);
                    ConfigFileWatch configWatch = new ConfigFileWatch(
                            options.config().file().orElseThrow(),
                            ConfigLoader.forThisMachine(),
                            cfg,
                            household.changes())) {
                if (mqtt != null) {
                    mqtt.serve(gateway);
                }
                if (dashboard != null) {
                    dashboard.serve(
                            DashboardPorts.of(gateway, mqtt == null ? household.changes() : mqtt.lending())
                                    .withPairing(new PagePairing(
                                            gateway,
                                            backend,
                                            store.pairings(),
                                            clock,
                                            cfg.pens().stream()
                                                    .map(p -> p.serial())
                                                    .collect(java.util.stream.Collectors.toSet()),
                                            options.config().file().orElseThrow()))
                                    // The page changes the household as the command line does; the gateway
                                    // reads it again at once.
                                    .withHousehold(HouseholdSetup.of(household.changes(), gateway::refresh)),
                            mqtt == null
                                    ? MqttState.OFF
                                    : MqttState.of(cfg.mqtt().url(), mqtt::isConnected, mqtt::waiting),
                            report -> PdfReport.render(report, Main.version()),
                            () -> backups == null ? BackupStatus.OFF : backups.status());
                }
                gateway.start();
                recordConfigAtStart(dir, configWatch);
                configWatch.start();
                if (backups != null) {
                    backups.start();
                    log.info("automatic backups: {}", backups.plan().describe());
                }
                log.info(
                        "needleguard is running: {} pen(s), Bluetooth via {}, history in {}, MQTT {}",
                        pens.size(),
                        backend.name(),
                        store.file(),
                        mqtt == null
                                ? "off"
                                : cfg.mqtt().url() + " under " + cfg.mqtt().root() + "/");
                log.info("{}", dashboard == null ? "dashboard off (dashboard.enabled: false)" : dashboard.describe());
                stopped.await();
                log.info("stopping: finishing what the pens sent"); // closing the gateway waits for them
            }
        } finally {
            finished.countDown();
        }
        // Bluetooth gave up for good: exit 1, so that systemd (Restart=on-failure) starts a fresh process.
        return bluetoothFailed.get() == null ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * The automatic backups of {@code backup.schedule}, or null when it is off; their status goes to the
     * gateway's MQTT state as it changes.
     */
    private static AutomaticBackups automaticBackups(BackupPlan plan, Path dir, Clock clock, MqttBridge mqtt) {
        if (!plan.enabled()) {
            return null;
        }
        AutomaticBackups backups =
                new AutomaticBackups(plan, new BackupDirectory(dir, plan.directory()), clock, status -> {
                    if (mqtt != null) {
                        mqtt.backupChanged(status);
                    }
                });
        if (mqtt != null) {
            mqtt.backupChanged(backups.status());
        }
        return backups;
    }

    /** For {@code doctor}: which keys of the file now differ from those this gateway started with. */
    private static void recordConfigAtStart(Path dir, ConfigFileWatch watch) {
        try {
            ConfigAtStartFile.write(dir, watch.atStart());
        } catch (java.io.IOException e) {
            log.warn(
                    "cannot note in {} what configuration this gateway started with ({}); 'needleguard doctor' will"
                            + " not tell which changes wait for a restart",
                    dir,
                    e.getMessage());
        }
    }

    /** One gateway per data directory; a second {@code run} is a usage error (exit 2), not a failure to retry. */
    private static DataDirectoryLock lock(Path dir) {
        try {
            return DataDirectoryLock.acquire(dir);
        } catch (DataDirectoryLock.InUse e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens at dashboard.listen; a token file that cannot be used is a configuration error (exit 2). */
    private static DashboardServer dashboard(GatewayConfig cfg) {
        try {
            return DashboardServer.start(cfg.dashboard());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("dashboard.token-file: " + e.getMessage());
        } catch (DashboardException e) {
            throw new DashboardException(
                    e.getMessage() + "; is another needleguard running? Choose another address with dashboard.listen "
                            + "in the configuration, or switch the dashboard off with dashboard.enabled: false",
                    e);
        }
    }

    static BleBackendProvider provider(String id) {
        List<BleBackendProvider> installed = StreamSupport.stream(
                        ServiceLoader.load(BleBackendProvider.class).spliterator(), false)
                .toList();
        return installed.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ConfigException(
                        "ble.backend: '" + id + "' is not an installed Bluetooth backend; installed: "
                                + (installed.isEmpty()
                                        ? "none"
                                        : installed.stream()
                                                .map(p -> p.id() + " (" + p.description() + ")")
                                                .collect(Collectors.joining(", ")))));
    }

    private static BleBackend open(BleBackendProvider provider, Clock clock, GatewayConfig cfg) throws BleException {
        try {
            return provider.open(clock, cfg.ble().options());
        } catch (BleOptionsException e) {
            throw new ConfigException(e.getMessage());
        } catch (BleException e) {
            throw new BleException("cannot start Bluetooth (" + provider.id() + "): " + e.getMessage(), e);
        }
    }
}
