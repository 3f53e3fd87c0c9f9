package io.needleguard.cli;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import io.needleguard.household.Owner;
import io.needleguard.household.RefusedChange;
import io.needleguard.link.PenIdentity;
import io.needleguard.pairing.Allowlist;
import io.needleguard.pairing.PenPairer;
import io.needleguard.profile.PenProfile;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard pair}: find pens nearby and pair one with this gateway. */
@Command(
        name = "pair",
        mixinStandardHelpOptions = true,
        description = {
            "Finds pens nearby and pairs one with this gateway.",
            "",
            "Scans for pens advertising the needleguard pen service and lists them with their serial, Bluetooth address and "
                    + "signal. The pen you choose is connected, its serial is read from the pen itself, and the pairing (serial "
                    + "and address) is kept in the history database. From then on the gateway records that pen, and refuses any "
                    + "other device that claims its serial. A running gateway picks the new pen up within seconds.",
            "",
            "Without --serial it asks which pen to pair; in a script, pass --serial."
        })
final class PairCommand implements Callable<Integer> {

    static final Duration CONNECT_TIMEOUT = PenPairer.CONNECT_TIMEOUT;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "Pair the pen with this serial without asking.")
    String serial;

    @Option(
            names = "--owner",
            paramLabel = "ID",
            description =
                    "Whose the pen is (default: the household's first person); 'needleguard owner list' shows them.")
    String owner;

    @Option(
            names = "--scan-seconds",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "How long to look for pens (default: ${DEFAULT-VALUE}; with --serial, only until that pen is seen).")
    int scanSeconds;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    /** The terminal to ask on; empty when not interactive (tests replace it). */
    Supplier<Optional<BufferedReader>> terminal = () -> System.console() == null
            ? Optional.empty()
            : Optional.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));

    @Override
    public Integer call() throws BleException, InterruptedException, IOException {
        if (scanSeconds < 1 || scanSeconds > 600) {
            throw new InvalidInputException("--scan-seconds: " + scanSeconds + " is not between 1 and 600");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LocalState state = options.open(false);
                BleBackend backend = open(state)) {
            if (owner != null && state.changes.household().owner(owner).isEmpty()) {
                throw new InvalidInputException("--owner: " + Quote.of(owner) + " is not in the household ("
                        + String.join(
                                ", ",
                                state.changes.household().owners().stream()
                                        .map(Owner::id)
                                        .toList())
                        + "); add them first with 'needleguard owner add ID'");
            }
            Allowlist allowlist = LocalState.allowlist(state.config, state.store.pairings(), clock);
            out.println("Looking for pens with " + backend.name() + " for up to " + scanSeconds + " s...");
            out.flush();
            List<Advertisement> nearby = scan(backend);
            if (nearby.isEmpty()) {
                out.println(
                        "No pens found nearby. Is the pen switched on (not running a session) and within a few metres?");
                if (!state.pens().isEmpty()) {
                    out.println(
                            "A pen connected to a running gateway ('needleguard run') does not advertise, so it is not "
                                    + "listed here; " + String.join(", ", state.pens()) + " "
                                    + (state.pens().size() == 1 ? "is" : "are") + " already paired.");
                }
                out.flush();
                return ExitCodes.FAILURE;
            }
            print(out, nearby, allowlist);
            Optional<Advertisement> chosen = choose(out, nearby);
            if (chosen.isEmpty()) {
                out.println("Nothing paired.");
                out.flush();
                return ExitCodes.OK;
            }
            return pair(out, backend, chosen.get(), allowlist, state);
        }
    }

    /** The configured Bluetooth backend; when there is none to reach, says how to try without hardware. */
    private BleBackend open(LocalState state) throws BleException {
        try {
            return RunCommand.provider(state.config.ble().backend())
                    .open(clock, state.config.ble().options());
        } catch (BleOptionsException e) {
            throw new io.needleguard.config.ConfigException(e.getMessage());
        } catch (BleException e) {
            throw new BleException(
                    e.getMessage() + ". To try needleguard without a pen or Bluetooth, run 'needleguard sim "
                            + "bluez' in another terminal: it simulates pens behind a simulated BlueZ and prints what to type here.",
                    e);
        }
    }

    /** Pens seen advertising, strongest first; with --serial, stops as soon as that pen is seen. */
    private List<Advertisement> scan(BleBackend backend) throws BleException, InterruptedException {
        Map<String, Advertisement> seen = new ConcurrentHashMap<>();
        CountDownLatch wanted = new CountDownLatch(1);
        backend.startScan(PenProfile.SERVICE, ad -> {
            seen.put(ad.address(), ad);
            if (ad.name().equals(serial)) {
                wanted.countDown();
            }
        });
        try {
            wanted.await(scanSeconds, TimeUnit.SECONDS);
        } finally {
            backend.stopScan();
        }
        return seen.values().stream()
                .sorted(Comparator.comparingInt(Advertisement::rssi).reversed().thenComparing(Advertisement::name))
                .toList();
    }

    private static void print(PrintWriter out, List<Advertisement> nearby, Allowlist allowlist) {
        out.printf("%3s  %-16s %-17s %7s  %s%n", "#", "SERIAL", "ADDRESS", "SIGNAL", "");
        for (int i = 0; i < nearby.size(); i++) {
            Advertisement ad = nearby.get(i);
            out.printf(
                    "%3d  %-16s %-17s %4d dBm  %s%n", i + 1, ad.name(), ad.address(), ad.rssi(), note(allowlist, ad));
        }
        out.flush();
    }

    private static String note(Allowlist allowlist, Advertisement ad) {
        return switch (allowlist.check(ad.name(), ad.address())) {
            case ALLOWED -> allowlist.expectedAddress(ad.name()).isPresent() ? "paired" : "in the configuration";
            case WRONG_ADDRESS ->
                "NOT the paired pen: that serial is paired at "
                        + allowlist.expectedAddress(ad.name()).orElseThrow();
            case NOT_PAIRED -> "";
        };
    }

    private Optional<Advertisement> choose(PrintWriter out, List<Advertisement> nearby)
            throws IOException, BleException {
        if (serial != null) {
            List<Advertisement> claiming =
                    nearby.stream().filter(ad -> ad.name().equals(serial)).toList();
            if (claiming.isEmpty()) {
                throw new BleException(
                        "pen " + serial + " was not seen in " + scanSeconds + " s; is it switched on and close by?");
            }
            if (claiming.size() > 1) {
                throw new BleException(claiming.size() + " devices claim to be pen " + serial
                        + "; one of them is not that pen. " + "Pair where only the real pen is in range");
            }
            return Optional.of(claiming.get(0));
        }
        Optional<BufferedReader> input = terminal.get();
        if (input.isEmpty()) {
            throw new InvalidInputException(
                    "not a terminal, so needleguard cannot ask which pen to pair; pass --serial SERIAL");
        }
        while (true) {
            out.print("Pair which pen? [1-" + nearby.size() + ", Enter for none] ");
            out.flush();
            String answer =
                    Optional.ofNullable(input.get().readLine()).orElse("").strip();
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= nearby.size()) {
                    return Optional.of(nearby.get(n - 1));
                }
            } catch (NumberFormatException notANumber) {
                // asked again below
            }
            out.println("'" + answer + "' is not a number from 1 to " + nearby.size() + "; try again.");
        }
    }

    private int pair(PrintWriter out, BleBackend backend, Advertisement ad, Allowlist allowlist, LocalState state)
            throws BleException {
        PenIdentity identity =
                new PenPairer(backend, state.store.pairings(), clock).pair(ad, allowlist.expectedAddress(ad.name()));
        out.println("Paired pen " + identity.serial() + " (" + identity.model() + ", firmware " + identity.firmware()
                + ") at " + ad.address() + ".");
        if (owner != null) {
            try {
                state.changes(clock).setPenOwner(identity.serial(), owner);
            } catch (RefusedChange e) {
                throw new InvalidInputException("paired, but its owner was not set: " + e.getMessage());
            }
        }
        if (state.config.pens().stream().noneMatch(p -> p.serial().equals(identity.serial()))) {
            out.println("Its sessions count for "
                    + state.changes.household().ownerOfPen(identity.serial()).id()
                    + (owner != null
                            ? "."
                            : "; to give it to someone else: 'needleguard pens owner " + identity.serial() + " ID'."));
        }
        out.println("A running gateway records it from now on; otherwise start one with 'needleguard run'.");
        out.flush();
        return ExitCodes.OK;
    }
}
