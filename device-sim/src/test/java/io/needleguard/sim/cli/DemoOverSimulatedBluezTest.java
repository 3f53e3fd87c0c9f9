package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.HistoryQuery;
import io.needleguard.json.SessionJson;
import io.needleguard.mqtt.TestSubscriber;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.bluez.OnEachBluezBackend;
import io.needleguard.sim.mqtt.EmbeddedBroker;
import io.needleguard.sim.scenario.Scenarios;
import io.needleguard.store.SqliteStore;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --ble bluez-sim}: the built-in month through the simulated BlueZ, D-Bus and the real
 * TinyB adapter records what the in-process demo records, with the same findings, and publishes it.
 */
class DemoOverSimulatedBluezTest {

    @TempDir
    Path inProcess;

    @TempDir
    Path overBluez;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(Path dataDir, String... args) {
        return DemoEndToEndTest.demo(dataDir, out, err, args);
    }

    @OnEachBluezBackend
    void theMonthOverSimulatedBluezIsRecordedAndPublishedAsInProcess(String backend) throws Exception {
        BluezTestSupport.assumeReady(backend);
        int sessions = Scenarios.builtIn().sessions().size();
        assertEquals(0, demo(inProcess), err.toString());
        out.getBuffer().setLength(0);
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                TestSubscriber subscriber = new TestSubscriber(broker.url(), "needleguard/#")) {

            assertEquals(
                    0,
                    demo(overBluez, "--ble", "bluez-sim", "--ble-backend", backend, "--mqtt", broker.url()),
                    err.toString());

            DemoEndToEndTest.assertPublishedAsStored(
                    DemoEndToEndTest.receivedFromTheDemo(subscriber, out.toString()), overBluez, sessions);
        }
        assertEquals(stored(inProcess), stored(overBluez));
        String console = out.toString();
        assertTrue(console.contains("reached with the " + backend + " backend"), console);
        assertTrue(console.contains(sessions + " sessions recorded, 1 of them fetched from a pen's memory"), console);
    }

    /** Each session with its findings and aftercare, as JSON. */
    private static List<String> stored(Path dataDir) {
        try (SqliteStore history = SqliteStore.open(dataDir)) {
            return history.sessions().list(HistoryQuery.all()).stream()
                    .map(row -> SessionJson.write(SessionJson.toJson(
                            row,
                            history.sessions().ownerZones().get(row.session().owner()))))
                    .toList();
        }
    }
}
