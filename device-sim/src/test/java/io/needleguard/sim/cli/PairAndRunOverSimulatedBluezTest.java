package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.cli.Main;
import io.needleguard.sim.bluez.BluezTestSupport;
import io.needleguard.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a developer does with {@code needleguard sim bluez}, each step its own process as on a real
 * machine: the simulated BlueZ in one terminal, then {@code pair}, {@code run}, {@code history} and
 * {@code pens} in another, with the pens used and faults caused by typing at the simulator.
 */
class PairAndRunOverSimulatedBluezTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private Writer simInput;
    private String busAddress;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aPairedPenIsRecordedThroughOutagesAndAnUnpluggedAdapterEndsTheServiceWithExitCode1() throws Exception {
        BluezTestSupport.assumeReady();
        startSimulator();
        Path data = dir.resolve("data");
        Path config = dir.resolve("needleguard.yaml");
        Files.writeString(config, "data-dir: " + data + "\n"
                + "ble: {backend: tinyb, options: {bluez-gone-exit-seconds: 3}}\n"
                + "mqtt: {enabled: false}\n");

        Process pair = needleguard("pair", "pair", "--config", config.toString(), "--serial", "SIM-0001");
        assertTrue(pair.waitFor(60, TimeUnit.SECONDS), "pair did not finish");
        assertEquals(0, pair.exitValue(), log("pair"));
        assertTrue(log("pair").contains("Paired pen SIM-0001 (needleguard sim pen, firmware sim-1.0.0) at "), log("pair"));

        Process run = needleguard("run", "run", "--config", config.toString());
        assertTrue(Await.until(() -> log("run").contains("pen SIM-0001 connected"), WAIT), log("run"));
        type("start SIM-0001 0.5 120");
        type("stop SIM-0001");
        type("start SIM-0002 0.5 120");
        type("stop SIM-0002");
        type("out SIM-0001");
        type("start SIM-0001 0.25 120");
        type("stop SIM-0001");
        type("rogue SIM-0001");
        type("in SIM-0001");
        assertTrue(Await.until(() -> cli("history", "--data-dir", data.toString()).contains("2 sessions"), WAIT),
                cli("history", "--data-dir", data.toString()) + log("run"));
        String history = cli("history", "--data-dir", data.toString(), "--format", "csv");
        assertTrue(history.contains("SIM-0001") && !history.contains("SIM-0002"), "only the paired pen is recorded: " + history);
        assertTrue(Await.until(() -> cli("pens", "--config", config.toString()).contains("Refused"), WAIT), log("run"));
        String pens = cli("pens", "--config", config.toString());
        assertTrue(pens.lines().anyMatch(l -> l.startsWith("SIM-0001") && l.contains("paired")), pens);

        type("adapter remove");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run did not give up on the missing adapter: " + log("run"));
        assertEquals(1, run.exitValue(), log("run"));
        assertTrue(log("run").contains("has been gone for 3 s and TinyB cannot recover it in this process"), log("run"));
    }

    private void startSimulator() throws IOException {
        Process sim = command("sim", "bluez", "--pens", "2", "--socket", dir.resolve("bus").toString())
                .redirectErrorStream(true).start();
        processes.add(sim);
        simInput = new java.io.OutputStreamWriter(sim.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("DBUS_SYSTEM_BUS_ADDRESS=")) {
                busAddress = line.substring("DBUS_SYSTEM_BUS_ADDRESS=".length());
                break;
            }
        }
        assertTrue(busAddress != null, "sim bluez printed no bus address");
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ended) {
                // the simulator stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private void type(String command) throws IOException {
        simInput.write(command + "\n");
        simInput.flush();
    }

    /** needleguard in its own JVM, talking to the simulator's bus, its output in {@code <name>.log}. */
    private Process needleguard(String name, String... args) throws IOException {
        Process p = command(args).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private ProcessBuilder command(String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, "io.needleguard.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("NEEDLEGUARD_PRIVATE_BUS");
        builder.environment().put("HOME", dir.toString());
        if (busAddress != null) {
            builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", busAddress);
        }
        return builder;
    }

    /** A one-shot command in this JVM (it does not touch Bluetooth). */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return out + err.toString();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log yet)";
        }
    }
}
