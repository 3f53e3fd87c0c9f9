package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.BleException;
import io.needleguard.mqtt.Mosquitto;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.sim.bluez.BluezTransport;
import io.needleguard.sim.bluez.FakeBluez;
import io.needleguard.sim.bluez.PrivateBus;
import io.needleguard.sim.mqtt.EmbeddedBroker;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code needleguard doctor} against the simulated BlueZ: every check passes on a ready machine, and
 * each problem a user meets (adapter off, no BlueZ, broker down or refusing the login, clock not
 * synchronised, bad configuration) is one FAIL line with its fix, and exit code 1 (2 for the
 * configuration).
 */
class DoctorOverSimulatedBluezTest {

    @TempDir
    Path dir;

    private final SimAir air = new SimAir();
    private FakeBluez bluez;
    private Path data;

    @BeforeEach
    void ready() throws Exception {
        BluezTestSupport.assumeReady("dbus");
        air.add(new SimulatedPen("SIM-0001", "sim", Clock.systemUTC()));
        data = Files.createDirectory(
                dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stop() {
        if (bluez != null) {
            bluez.close();
        }
    }

    private void startBluez() throws Exception {
        bluez = FakeBluez.start(BluezTransport.privateBus().address(), air);
    }

    private record Run(int code, String out) {
        List<String> lines() {
            return out.lines().toList();
        }

        String line(String check) {
            return lines().stream()
                    .filter(l -> l.startsWith("ok   " + check + ":") || l.startsWith("FAIL " + check + ":"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + out));
        }
    }

    private Run doctor(String config, boolean timeSynchronised) throws Exception {
        Path file = Files.writeString(dir.resolve("needleguard.yaml"), "data-dir: " + data + "\n" + config);
        DoctorCommand doctor = new DoctorCommand();
        doctor.timeSync = () -> timeSynchronised
                ? new TimeSync.Answer(true, "synchronised (systemd-timesyncd)")
                : new TimeSync.Answer(false, "the clock is not synchronised (timedatectl: NTPSynchronized=no)");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(doctor);
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("--config", file.toString());
        return new Run(code, out.toString());
    }

    @Test
    void onAReadyMachineEveryCheckPasses() throws Exception {
        startBluez();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Run run = doctor("mqtt: {url: '" + broker.url() + "'}\n", true);

            assertEquals(0, run.code(), run.out());
            assertTrue(run.line("java").startsWith("ok   java: 17")
                    || run.line("java").startsWith("ok   java: "));
            assertTrue(run.line("configuration").endsWith("needleguard.yaml"), run.out());
            String expected = BluezTestSupport.tinybCoversThisMachine() ? "tinyb" : "dbus";
            assertTrue(run.line("ble backend").startsWith("ok   ble backend: " + expected + " (auto: "), run.out());
            assertEquals("ok   system bus: " + BluezTransport.privateBus().address(), run.line("system bus"));
            assertEquals("ok   bluez: running, version 5.64", run.line("bluez"));
            assertTrue(run.line("bus permission").contains("may talk to BlueZ on the system bus"), run.out());
            assertEquals("ok   adapter: hci0 (00:1A:7D:DA:71:13), powered", run.line("adapter"));
            assertEquals("ok   mqtt: " + broker.url() + " reachable, no login", run.line("mqtt"));
            assertTrue(
                    run.line("data directory").startsWith("ok   data directory: " + data + ", writable, owner-only"));
            assertTrue(run.line("backup").startsWith("ok   backup: no automatic backups"), run.out());
            assertTrue(run.line("time").startsWith("ok   time: synchronised (systemd-timesyncd), now "), run.out());
            assertTrue(run.out().endsWith("All 11 checks passed.\n"), run.out());
        }
    }

    @Test
    void anAdapterPoweredOffABrokerDownAndAClockAdriftAreEachOneFailWithItsFix() throws Exception {
        startBluez();
        bluez.power(false);
        int closed = EmbeddedBroker.freePort();

        Run run = doctor("mqtt: {url: 'tcp://127.0.0.1:" + closed + "'}\n", false);

        assertEquals(1, run.code(), run.out());
        assertEquals(
                "FAIL adapter: hci0 (00:1A:7D:DA:71:13) is powered off; fix: bluetoothctl power on (and rfkill unblock"
                        + " bluetooth if it will not)",
                run.line("adapter"));
        assertTrue(
                run.line("mqtt")
                        .startsWith("FAIL mqtt: cannot reach MQTT broker tcp://127.0.0.1:" + closed
                                + " (connection refused)"),
                run.out());
        assertTrue(run.line("mqtt").contains("; fix: check mqtt.url and that the broker runs"), run.out());
        assertTrue(run.line("time").startsWith("FAIL time: the clock is not synchronised"), run.out());
        assertTrue(run.line("time").contains("fix: turn network time on: sudo timedatectl set-ntp true"), run.out());
        assertTrue(run.out().endsWith("3 of 11 checks failed; fix the first one first.\n"), run.out());
    }

    @Test
    void withoutBluezOnTheBusTheBluezCheckFailsAndTheChecksAfterItAreLeftOut() throws Exception {
        Run run = doctor("mqtt: {enabled: false}\n", true);

        assertEquals(1, run.code(), run.out());
        assertEquals("ok   system bus: " + BluezTransport.privateBus().address(), run.line("system bus"));
        assertEquals(
                "FAIL bluez: BlueZ is not running: no org.bluez on the system bus; fix: sudo apt-get install bluez && "
                        + "sudo systemctl enable --now bluetooth",
                run.line("bluez"));
        assertTrue(run.lines().stream().noneMatch(l -> l.contains(" adapter:")), run.out());
        assertEquals("ok   mqtt: off in the configuration (mqtt.enabled: false)", run.line("mqtt"));
    }

    @Test
    void anUnpluggedAdapterIsNamedWithWhatBluezSees() throws Exception {
        startBluez();
        bluez.removeAdapter();

        Run run = doctor("mqtt: {enabled: false}\n", true);

        assertEquals(1, run.code(), run.out());
        assertTrue(
                run.line("adapter").startsWith("FAIL adapter: no Bluetooth adapter hci0 (BlueZ sees none); fix: "),
                run.out());
    }

    @Test
    void aBrokerThatRefusesTheLoginFails() throws Exception {
        Mosquitto.assumeInstalled();
        startBluez();
        Path password = Files.writeString(dir.resolve("password"), "wrong\n");
        try (Mosquitto broker = Mosquitto.withLogin(dir.resolve("broker"), "needleguard", "right")) {
            Run run = doctor(
                    "mqtt: {url: '" + broker.url() + "', username: needleguard, password-file: " + password + "}\n",
                    true);

            assertEquals(1, run.code(), run.out());
            assertTrue(run.line("mqtt").startsWith("FAIL mqtt: MQTT broker " + broker.url() + " refused"), run.out());
        }
    }

    @Test
    void aSystemBusThatDeniesBluezIsAPermissionFailureWithItsFixAndTheBackendSaysSoToo() throws Exception {
        startBluez();
        PrivateBus bus = BluezTransport.privateBus();
        bus.restrict(List.of(
                "<deny send_destination=\"org.bluez\" send_interface=\"org.freedesktop.DBus.ObjectManager\"/>"));
        try {
            Await.until(() -> !permitted(), Duration.ofSeconds(10), "the bus to take the policy");

            Run run = doctor("mqtt: {enabled: false}\n", true);

            assertEquals(1, run.code(), run.out());
            assertTrue(
                    run.line("bus permission")
                            .startsWith("FAIL bus permission: the system bus does not let user "
                                    + System.getProperty("user.name") + " talk to BlueZ"),
                    run.out());
            assertTrue(
                    run.line("bus permission")
                            .contains("; fix: run needleguard as the package's user (sudo -u needleguard needleguard"),
                    run.out());
            BleException refused = assertThrows(
                    BleException.class, () -> BluezTransport.provider("dbus").open(Clock.systemUTC(), Map.of()));
            assertTrue(
                    refused.getMessage().contains("no permission to use BlueZ on the system bus"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("sudo usermod -aG bluetooth $USER"), refused.getMessage());
        } finally {
            bus.restrict(List.of());
            Await.until(
                    DoctorOverSimulatedBluezTest::permitted,
                    Duration.ofSeconds(10),
                    "the bus to permit everyone again");
        }
    }

    /** Whether the bus lets this process read BlueZ's objects, as doctor sees it. */
    private static boolean permitted() {
        try {
            return BluezTransport.provider("dbus").diagnose(Map.of()).stream()
                    .anyMatch(c -> c.name().equals("bus permission") && c.ok());
        } catch (BleException e) {
            return false;
        }
    }

    @Test
    void aBadConfigurationIsAUsageErrorNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "ble: {backend: bluetooth-please}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(
                new PrintWriter(out, true), new PrintWriter(err, true), "doctor", "--config", file.toString());

        assertEquals(2, code, out + "" + err);
        assertTrue(
                err.toString().contains("ble.backend: 'bluetooth-please' is not an installed Bluetooth backend"),
                err.toString());
    }
}
