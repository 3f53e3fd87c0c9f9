package io.needleguard.cli;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleException;
import io.needleguard.config.ConfigException;
import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.gateway.Gateway;
import io.needleguard.mqtt.MqttBridge;
import io.needleguard.rules.Household;
import io.needleguard.store.SqliteHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code needleguard run}: the gateway as a service, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the gateway until stopped (Ctrl-C or SIGTERM).",
                "",
                "Connects to the configured pens, records and checks every session, keeps the history and publishes over MQTT."})
final class RunCommand implements Callable<Integer>, Main.LongRunning {

    private static final Logger log = LoggerFactory.getLogger("needleguard");

    @Mixin
    ConfigOption config;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = config.loadRequired(ConfigLoader.forThisMachine());
        BleBackendProvider provider = provider(cfg.ble().backend());
        Household household = cfg.household(ZoneId.systemDefault());
        Clock clock = Clock.systemDefaultZone();
        if (cfg.pens().isEmpty()) {
            log.warn("no pens in {}: add yours under pens: (see src/dist/needleguard.yaml); nothing will be recorded",
                    config.file().orElseThrow());
        }
        Path dir = dataDir.resolve(cfg.dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        // The JVM halts once shutdown hooks return, so the hook waits for the orderly stop below.
        Thread hook = new Thread(() -> {
            stopped.countDown();
            awaitQuietly(finished, Duration.ofSeconds(20));
        }, "needleguard-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (SqliteHistory history = SqliteHistory.open(dir);
             BleBackend backend = open(provider, clock, cfg);
             MqttBridge mqtt = cfg.mqtt().enabled() ? MqttBridge.start(cfg.mqtt().settings(), household, clock, history) : null) {
            Gateway.Builder builder = Gateway.builder()
                    .clock(clock)
                    .backend(backend)
                    .store(history)
                    .household(household)
                    .allowedPens(cfg::allows)
                    .listener(new SessionLog());
            if (mqtt != null) {
                mqtt.wire(builder);
            }
            try (Gateway gateway = builder.build()) {
                if (mqtt != null) {
                    mqtt.serve(gateway, cfg.pens().stream().map(GatewayConfig.Pen::serial).toList());
                }
                gateway.start();
                log.info("needleguard is running: {} pen(s), Bluetooth via {}, history in {}, MQTT {}",
                        cfg.pens().size(), backend.name(), history.file(),
                        mqtt == null ? "off" : cfg.mqtt().url() + " under " + cfg.mqtt().root() + "/");
                stopped.await();
                log.info("stopping: finishing what the pens sent");
                gateway.close();
                if (!gateway.awaitIdle(Duration.ofSeconds(10))) {
                    log.warn("stopped before every pen notification was handled; the pens keep what was not stored");
                }
            }
        } finally {
            finished.countDown();
        }
        return ExitCodes.OK;
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static BleBackendProvider provider(String id) {
        List<BleBackendProvider> installed = StreamSupport.stream(ServiceLoader.load(BleBackendProvider.class).spliterator(), false)
                .toList();
        return installed.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(() -> new ConfigException(
                "ble.backend: '" + id + "' is not an installed Bluetooth backend; installed: "
                        + (installed.isEmpty() ? "none" : installed.stream().map(p -> p.id() + " (" + p.description() + ")")
                        .collect(Collectors.joining(", ")))));
    }

    private static BleBackend open(BleBackendProvider provider, Clock clock, GatewayConfig cfg) throws BleException {
        try {
            return provider.open(clock, cfg.ble().options());
        } catch (BleException e) {
            throw new BleException("cannot start Bluetooth (" + provider.id() + "): " + e.getMessage(), e);
        }
    }
}
