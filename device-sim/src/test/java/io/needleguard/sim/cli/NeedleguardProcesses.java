package io.needleguard.sim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.cli.Main;
import io.needleguard.testing.Await;
import io.needleguard.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
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

/**
 * needleguard as a user runs it, each command its own process: the simulated BlueZ ({@code sim bluez})
 * typed at in one terminal, {@code pair} and {@code run} in others, each with its output in a log
 * file. Every process is stopped by {@link #close()}, also when the test fails.
 */
final class NeedleguardProcesses implements AutoCloseable {

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final java.util.Map<String, Process> byName = new java.util.HashMap<>();
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    // Appended by the thread that reads the simulator, read by the test: StringBuffer's locking is wanted.
    @SuppressWarnings("JdkObsolete")
    private final StringBuffer simOutput = new StringBuffer();

    private Writer simInput;
    private String busAddress;

    NeedleguardProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code sim bluez} with {@code pens} pens and waits for its bus address. */
    void startSimulatedBluez(int pens) throws IOException {
        Process sim = command(
                        "sim",
                        "bluez",
                        "--pens",
                        Integer.toString(pens),
                        "--socket",
                        dir.resolve("bus").toString())
                .redirectErrorStream(true)
                .start();
        processes.add(ChildProcesses.watch(sim));
        simInput = new OutputStreamWriter(sim.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            simOutput.append(line).append('\n');
            if (line.startsWith("DBUS_SYSTEM_BUS_ADDRESS=")) {
                busAddress = line.substring("DBUS_SYSTEM_BUS_ADDRESS=".length());
                break;
            }
        }
        assertTrue(busAddress != null, "sim bluez printed no bus address: " + simOutput);
        Thread drain = new Thread(
                () -> {
                    try {
                        String more;
                        while ((more = out.readLine()) != null) {
                            simOutput.append(more).append('\n');
                        }
                    } catch (IOException ended) {
                        // the simulator stopped
                    }
                },
                "sim-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** Types a command at the simulator, as a developer would. */
    void type(String command) throws IOException {
        simInput.write(command + "\n");
        simInput.flush();
    }

    /** Everything the simulator printed so far. */
    String simOutput() {
        return simOutput.toString();
    }

    /** How many sessions the simulator says the pen keeps, asked now. */
    int simKept(String serial) throws IOException {
        return Integer.parseInt(simPensLine(serial).replaceAll(".*, ([0-9]+) session\\(s\\) kept.*", "$1"));
    }

    /** Whether the simulator says the pen is connected, asked now. */
    boolean simSaysConnected(String serial) throws IOException {
        return simPensLine(serial).contains(", connected");
    }

    /**
     * The simulator's answer to {@code pens} for one pen, asked now. Only its own line: the answer to an
     * earlier command ({@code SIM-0001 running at ...}) may arrive after this question was typed.
     */
    private String simPensLine(String serial) throws IOException {
        int from = simOutput.length();
        type("pens");
        java.util.function.Supplier<java.util.Optional<String>> answer = () -> simOutput
                .substring(from)
                .lines()
                .filter(l -> l.startsWith(serial + " ") && l.contains(" session(s) kept"))
                .findFirst();
        Await.until(
                () -> answer.get().isPresent(),
                Duration.ofSeconds(10),
                "the simulator's answer about " + serial,
                () -> simOutput());
        return answer.get().orElseThrow();
    }

    /** needleguard in its own JVM, talking to the simulator's bus, its output in {@code <name>.log}. */
    Process start(String name, String... args) throws IOException {
        Process p = command(args)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(ChildProcesses.watch(p));
        byName.put(name, p);
        return p;
    }

    /** Sets an environment variable for the processes started from now on (a missing D-Bus, say). */
    void environment(String name, String value) {
        environment.put(name, value);
    }

    /** Stops a process as Ctrl-C or systemd would (SIGTERM), and waits for it to end. */
    void stop(String name) throws InterruptedException {
        Process p = byName.get(name);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " did not stop: " + log(name));
    }

    /** Kills a process as a power cut or the OOM killer would (SIGKILL): no shutdown hook runs. */
    void kill(String name) throws InterruptedException {
        Process p = byName.get(name);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " did not die: " + log(name));
    }

    /** Runs a one-shot command in its own JVM to its end; its exit code. */
    int run(String name, String... args) throws IOException, InterruptedException {
        Process p = start(name, args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + " did not finish: " + log(name));
        return p.exitValue();
    }

    private ProcessBuilder command(String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "io.needleguard.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("NEEDLEGUARD_PRIVATE_BUS");
        builder.environment().put("HOME", dir.toString());
        if (busAddress != null) {
            builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", busAddress);
        }
        builder.environment().putAll(environment);
        return builder;
    }

    /** A one-shot command in this JVM (it does not touch Bluetooth): what it printed, and its exit code. */
    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log yet)";
        }
    }

    /** Every process this test started ends, with what it started (a sim bluez's bus), also when the test failed. */
    @Override
    public void close() {
        for (Process p : processes) {
            ChildProcesses.stop(p, Duration.ofSeconds(10));
        }
    }
}
