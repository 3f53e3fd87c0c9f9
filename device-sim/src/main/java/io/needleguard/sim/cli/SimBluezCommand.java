package io.needleguard.sim.cli;

import io.needleguard.cli.ExitCodes;
import io.needleguard.session.Depth;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.bluez.FakeBluez;
import io.needleguard.sim.bluez.PrivateBus;
import io.needleguard.sim.pen.SimulatedPen;
import io.needleguard.sim.scenario.ScenarioReader;
import io.needleguard.sim.world.LiveReplay;
import io.needleguard.text.InvalidInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard sim bluez}: simulated pens behind a simulated BlueZ, for a real gateway to talk to. */
@Command(
        name = "bluez",
        mixinStandardHelpOptions = true,
        description = {
            "Serves simulated pens as a simulated BlueZ on a private D-Bus bus.",
            "",
            "Prints the bus address: export it as DBUS_SYSTEM_BUS_ADDRESS in another terminal and 'needleguard pair' and "
                    + "'needleguard run' (with ble.backend auto, tinyb or dbus) talk to these pens as to real ones. Type commands here to use "
                    + "the pens and to cause faults; 'help' lists them. Needs the Debian package dbus."
        })
final class SimBluezCommand implements Callable<Integer>, io.needleguard.cli.Main.LongRunning {

    @Option(
            names = "--pens",
            paramLabel = "N",
            defaultValue = "3",
            description = "How many pens (SIM-0001...), default ${DEFAULT-VALUE}.")
    int pens;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description =
                    "Replay this scenario live (on the wall clock, starting a minute from now) with its pens instead.")
    Path scenario;

    @Option(
            names = "--socket",
            paramLabel = "PATH",
            description = "The bus socket (default: a new one under the temporary directory).")
    Path socket;

    @Option(
            names = "--bus",
            paramLabel = "ADDRESS",
            description =
                    "Serve on this running bus (unix:path=...) instead of starting one; its policy must let this user"
                            + " own org.bluez. For testing a bus policy, such as the Debian package's.")
    String busAddress;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        if (pens < 1 || pens > 50) {
            throw new InvalidInputException("--pens: " + pens + " is not between 1 and 50");
        }
        if (busAddress != null && socket != null) {
            throw new InvalidInputException(
                    "--bus and --socket: give one (--bus serves on a running bus, --socket" + " starts one there)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path bus = socket != null || busAddress != null
                ? socket
                : java.nio.file.Files.createTempDirectory("needleguard-bluez-sim")
                        .resolve("bus");
        SimAir air = new SimAir();
        Map<String, SimulatedPen> byserial = new LinkedHashMap<>();
        LiveReplay replay = null;
        if (scenario != null) {
            replay = LiveReplay.start(new ScenarioReader().read(scenario), clock, air, Duration.ofMinutes(1));
            byserial.putAll(replay.player().pens());
        } else {
            for (int i = 1; i <= pens; i++) {
                SimulatedPen pen = new SimulatedPen(String.format("SIM-%04d", i), "needleguard sim pen", clock);
                byserial.put(pen.serial(), pen);
                air.add(pen);
            }
        }
        PrivateBus privateBus = busAddress == null ? PrivateBus.start(bus) : null;
        String address = privateBus == null ? busAddress : privateBus.address();
        try (FakeBluez bluez = FakeBluez.start(address, air)) {
            if (privateBus != null) {
                // Stopped by a signal (kill, systemd): the bus daemon goes too, not only this JVM.
                Runtime.getRuntime().addShutdownHook(new Thread(privateBus::close, "sim-bluez-bus-stop"));
            }
            out.println("Simulated BlueZ with " + byserial.size() + " pen(s) " + String.join(", ", byserial.keySet())
                    + ".");
            out.println("DBUS_SYSTEM_BUS_ADDRESS=" + address);
            out.println("In another terminal: export DBUS_SYSTEM_BUS_ADDRESS=" + address
                    + " and run 'needleguard pair', then 'needleguard run'.");
            out.println("Type 'help' for what the pens and BlueZ can do; Ctrl-C stops.");
            out.flush();
            SimConsole console = new SimConsole(air, bluez, byserial, out);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (!console.execute(line.strip())) {
                    return ExitCodes.OK;
                }
            }
            // No more input (started in the background): keep serving until stopped.
            new CountDownLatch(1).await();
            return ExitCodes.OK;
        } finally {
            if (privateBus != null) {
                privateBus.close();
            }
            if (replay != null) {
                replay.stop();
            }
            if (socket == null && busAddress == null) {
                // The directory was ours: leave nothing behind.
                java.nio.file.Files.deleteIfExists(bus.resolveSibling("bus.conf"));
                java.nio.file.Files.deleteIfExists(bus);
                java.nio.file.Files.deleteIfExists(bus.getParent());
            }
        }
    }

    /** The commands typed at {@code sim bluez}. */
    static final class SimConsole {
        private final SimAir air;
        private final FakeBluez bluez;
        private final Map<String, SimulatedPen> pens;
        private final PrintWriter out;
        private final List<SimulatedPen> rogues = new ArrayList<>();
        private int cartridges;

        SimConsole(SimAir air, FakeBluez bluez, Map<String, SimulatedPen> pens, PrintWriter out) {
            this.air = air;
            this.bluez = bluez;
            this.pens = pens;
            this.out = out;
        }

        /** Runs one command; false for quit. */
        boolean execute(String line) {
            if (line.isEmpty()) {
                return true;
            }
            String[] words = line.split("\\s+");
            try {
                boolean more = run(words);
                out.flush();
                return more;
            } catch (IllegalArgumentException | IllegalStateException e) {
                out.println("? " + e.getMessage());
            } catch (Exception e) {
                out.println("! " + e.getMessage());
            }
            out.flush();
            return true;
        }

        private boolean run(String[] w) throws Exception {
            switch (w[0]) {
                case "help" -> help();
                case "pens" ->
                    pens.values()
                            .forEach(p -> out.printf(
                                    "%-10s %s  %s%s, battery %d%%, %d session(s) kept, counter %d%n",
                                    p.serial(),
                                    p.address(),
                                    p.inRange() ? "in range" : "out of range",
                                    p.connected() ? ", connected" : "",
                                    p.battery(),
                                    p.storedRecords(),
                                    p.sessionCounter()));
                case "start" -> {
                    SimulatedPen pen = pen(w);
                    Depth depth = Depth.ofMm(w.length > 2 ? w[2] : "0.5");
                    int hz = w.length > 3 ? Integer.parseInt(w[3]) : 120;
                    String cartridge = w.length > 4 ? w[4] : String.format("C-%04d", ++cartridges);
                    pen.start(depth, hz, cartridge);
                    out.println(pen.serial() + " running at " + depth + ", " + hz + " Hz, cartridge " + cartridge);
                }
                case "stop" -> out.println("stored session " + pen(w).stop().counter() + " on " + w[1]);
                case "out" -> {
                    air.setInRange(pen(w), false);
                    out.println(w[1] + " is out of range");
                }
                case "in" -> {
                    air.setInRange(pen(w), true);
                    out.println(w[1] + " is back in range");
                }
                case "battery" -> {
                    air.batteryDies(pen(w));
                    out.println(w[1] + "'s battery is flat");
                }
                case "charge" -> {
                    air.charge(pen(w));
                    out.println(w[1] + " is charged");
                }
                case "reset" -> {
                    pen(w).firmwareReset();
                    out.println(w[1] + " was reset: its memory is empty and it counts its sessions from 1 again");
                }
                case "malformed" -> {
                    pen(w).sendMalformedStatus(new byte[] {(byte) 0x7f, 0x00});
                    out.println(w[1] + " sent a malformed status notification");
                }
                case "rogue" -> {
                    SimulatedPen rogue = SimulatedPen.impostor(
                            pen(w).serial(), "ROGUE-" + (rogues.size() + 1), java.time.Clock.systemUTC());
                    rogues.add(rogue);
                    air.add(rogue);
                    out.println("a rogue device at " + rogue.address() + " claims to be " + w[1]);
                }
                case "norogue" -> {
                    rogues.forEach(air::remove);
                    rogues.clear();
                    out.println("rogue devices gone");
                }
                case "restart" -> {
                    int seconds = w.length > 1 ? Integer.parseInt(w[1]) : 3;
                    out.println("BlueZ restarts (gone for " + seconds + " s)");
                    out.flush();
                    bluez.restart(Duration.ofSeconds(seconds));
                    out.println("BlueZ is back");
                }
                case "power" -> {
                    boolean on = w.length > 1 && w[1].equals("on");
                    bluez.power(on);
                    out.println("adapter powered " + (on ? "on" : "off"));
                }
                case "adapter" -> {
                    if (w.length > 1 && w[1].equals("insert")) {
                        bluez.insertAdapter();
                        out.println("adapter hci0 is back");
                    } else {
                        bluez.removeAdapter();
                        out.println("adapter hci0 removed");
                    }
                }
                case "quit", "exit" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("unknown command '" + w[0] + "'; type help");
            }
            return true;
        }

        private SimulatedPen pen(String[] w) {
            if (w.length < 2) {
                throw new IllegalArgumentException(w[0] + " needs a pen serial: " + String.join(", ", pens.keySet()));
            }
            SimulatedPen pen = pens.get(w[1]);
            if (pen == null) {
                throw new IllegalArgumentException("no pen " + w[1] + "; pens: " + String.join(", ", pens.keySet()));
            }
            return pen;
        }

        private void help() {
            out.println("pens                                   list the pens");
            out.println(
                    "start SERIAL [DEPTH_MM [HZ [CARTRIDGE]]] start a session (default 0.5 mm, 120 Hz, a new cartridge)");
            out.println(
                    "stop SERIAL                            end it; the pen stores it and notifies it if connected");
            out.println("out SERIAL | in SERIAL                 take the pen out of range, bring it back");
            out.println("battery SERIAL | charge SERIAL         the battery dies (the pen goes silent), is charged");
            out.println("malformed SERIAL                       the pen sends a malformed status notification");
            out.println(
                    "reset SERIAL                           new firmware: the pen forgets its sessions, counts from 1 again");
            out.println(
                    "rogue SERIAL | norogue                 a device at another address claims SERIAL; remove rogues");
            out.println(
                    "restart [SECONDS]                      bluetoothd restarts: org.bluez leaves the bus (default 3 s)");
            out.println("power on|off                           power the adapter on or off");
            out.println("adapter remove|insert                  unplug or plug in the adapter");
            out.println("quit                                   stop");
        }
    }
}
