package io.needleguard.cli;

import io.needleguard.ble.AutoBackendProvider;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleCheck;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import io.needleguard.config.ConfigException;
import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.mqtt.transport.BrokerProbe;
import io.needleguard.store.BackupStatusFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code needleguard doctor}: is this machine ready to record pens? One line per check, with the fix. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that this machine can run the gateway: Java, the system bus, BlueZ and its version, which Bluetooth "
                    + "backend will be used and why, the adapter and its power, permission to talk to BlueZ, the MQTT "
                    + "broker and its login, the history's directory and its free space, the automatic backups, whether the running gateway needs a restart to apply the configuration file, and the clock.",
            "",
            "One line per check: 'ok' with what was found, 'FAIL' with the problem and its fix, or '?' for what this "
                    + "machine cannot tell (with how to find out). Exit code 1 if any check fails, 2 for a configuration "
                    + "that cannot be read; a '?' does not fail."
        })
final class DoctorCommand implements Callable<Integer> {

    /** Less free space than this for the history is a failure: a year of sessions takes a few megabytes. */
    static final long MIN_FREE_BYTES = 50L * 1024 * 1024;

    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    /** Its zone is the machine's: doctor shows the time as {@code date} would. */
    Clock clock = Clock.system(ZoneId.systemDefault());

    TimeSync timeSync = TimeSync.system();

    /**
     * One check's answer. {@code known} false: this machine cannot tell (no systemd to ask about the
     * clock); that is said, not failed.
     */
    record Check(String name, boolean ok, boolean known, String detail, String fix) {
        Check(String name, boolean ok, String detail, String fix) {
            this(name, ok, true, detail, fix);
        }

        static Check ok(String name, String detail) {
            return new Check(name, true, detail, "");
        }

        static Check failed(String name, String problem, String fix) {
            return new Check(name, false, problem, fix);
        }

        static Check unknown(String name, String why, String howToTell) {
            return new Check(name, true, false, why, howToTell);
        }

        String line() {
            if (!known) {
                return "?    " + name + ": " + detail + "; to tell: " + fix;
            }
            return ok ? "ok   " + name + ": " + detail : "FAIL " + name + ": " + detail + "; fix: " + fix;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = new ArrayList<>();
        print(out, checks, java());
        Optional<Path> file = options.config().file();
        GatewayConfig cfg = options.config().loadOrDefaults(ConfigLoader.forThisMachine(), "needleguard");
        print(
                out,
                checks,
                Check.ok(
                        "configuration",
                        file.map(Path::toString)
                                .orElse("none found (pass --config, or put one at ~/.config/needleguard/ or "
                                        + ConfigOption.SYSTEM_FILE + "); using the defaults")));
        String backend = cfg.ble().backend();
        BleBackendProvider provider = RunCommand.provider(backend);
        print(out, checks, backendChoice(provider));
        if (!backend.equals("sim")) {
            try {
                for (BleCheck c : RunCommand.provider("dbus").diagnose(cfg.ble().options())) {
                    print(out, checks, new Check(c.name(), c.ok(), c.detail(), c.fix()));
                }
            } catch (BleOptionsException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        print(out, checks, broker(cfg));
        Path dataDir = options.dataDir().resolve(cfg.dataDir());
        print(out, checks, dataDir(dataDir));
        print(out, checks, BackupCheck.of(cfg.backup().plan(dataDir), BackupStatusFile.read(dataDir), clock.instant()));
        RestartCheck.of(dataDir, file).ifPresent(check -> print(out, checks, check));
        print(out, checks, time());
        long failed = checks.stream().filter(c -> !c.ok()).count();
        long unknown = checks.stream().filter(c -> !c.known()).count();
        String untold = unknown == 0 ? "" : "; " + unknown + " could not be told here (?)";
        out.println(
                failed == 0
                        ? (unknown == 0
                                ? "All " + checks.size() + " checks passed."
                                : checks.size() - unknown + " of " + checks.size() + " checks passed" + untold + ".")
                        : failed + " of " + checks.size() + " checks failed" + untold + "; fix the first one first.");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static void print(PrintWriter out, List<Check> checks, Check check) {
        checks.add(check);
        out.println(check.line());
        out.flush();
    }

    static Check java() {
        Runtime.Version version = Runtime.version();
        String vm = System.getProperty("java.vm.name", "") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
        return version.feature() >= 17
                ? Check.ok("java", version + " (" + vm + ")")
                : Check.failed(
                        "java",
                        "Java " + version + " is too old; needleguard needs 17 or newer",
                        "sudo apt-get install openjdk-17-jre-headless");
    }

    private static Check backendChoice(BleBackendProvider provider) {
        if (provider instanceof AutoBackendProvider auto) {
            try {
                AutoBackendProvider.Choice choice = auto.choose();
                return Check.ok("ble backend", choice.provider().id() + " (auto: " + choice.reason() + ")");
            } catch (BleException e) {
                return Check.failed("ble backend", e.getMessage(), "run needleguard on Linux with BlueZ");
            }
        }
        Optional<String> unavailable = provider.unavailableHere();
        return unavailable.isEmpty()
                ? Check.ok("ble backend", provider.id() + " (set in the configuration: " + provider.description() + ")")
                : Check.failed(
                        "ble backend",
                        provider.id() + " cannot run here: " + unavailable.get(),
                        "set ble.backend: auto (or dbus) in the configuration");
    }

    private static Check broker(GatewayConfig cfg) {
        if (!cfg.mqtt().enabled()) {
            return Check.ok("mqtt", "off in the configuration (mqtt.enabled: false)");
        }
        String login = cfg.mqtt()
                .settings()
                .username()
                .map(u -> "login of " + u + " accepted")
                .orElse("no login");
        return BrokerProbe.problem(cfg.mqtt().settings(), BROKER_TIMEOUT)
                .map(problem -> Check.failed(
                        "mqtt",
                        problem,
                        "check mqtt.url and that the broker runs (Home Assistant's Mosquitto add-on, or apt-get install "
                                + "mosquitto); for a login, mqtt.username and the password file; the broker's log says why "
                                + "it refused"))
                .orElseGet(() -> Check.ok("mqtt", cfg.mqtt().url() + " reachable, " + login));
    }

    static Check dataDir(Path dir) {
        String name = "data directory";
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
                return Check.ok(
                        name,
                        dir + " does not exist yet; needleguard creates it (owner-only) in " + parent
                                + ", which is writable, " + free(parent));
            }
            return Check.failed(
                    name,
                    dir + " does not exist and cannot be created"
                            + (parent == null ? "" : " (" + parent + " is not a writable directory)"),
                    "create it for the user who runs needleguard: sudo install -d -m 700 -o $USER " + dir
                            + ", or set data-dir in the configuration");
        }
        if (!Files.isDirectory(dir)) {
            return Check.failed(name, dir + " is not a directory", "point data-dir (or --data-dir) at a directory");
        }
        try {
            Path probe = Files.createTempFile(dir, ".doctor-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            return Check.failed(
                    name,
                    "cannot write in " + dir + " (" + e.getClass().getSimpleName() + ")",
                    "run as the user who owns it (the package's: sudo -u needleguard needleguard doctor), or give it"
                            + " to yours: sudo chown -R $USER: " + dir);
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                return Check.failed(
                        name,
                        dir + " is open to others (" + PosixFilePermissions.toString(permissions)
                                + ") and holds health data",
                        "chmod 700 " + dir);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
        try {
            FileStore store = Files.getFileStore(dir);
            if (store.getUsableSpace() < MIN_FREE_BYTES) {
                return Check.failed(
                        name,
                        dir + " has only " + free(dir) + " (needleguard wants " + MIN_FREE_BYTES / (1024 * 1024)
                                + " MiB)",
                        "free space on that file system (sudo journalctl --vacuum-size=50M, apt-get clean)");
            }
        } catch (IOException e) {
            return Check.failed(
                    name, "cannot read the free space of " + dir + " (" + e.getMessage() + ")", "check the disk");
        }
        return Check.ok(name, dir + ", writable, owner-only, " + free(dir));
    }

    private static String free(Path dir) {
        try {
            long bytes = Files.getFileStore(dir).getUsableSpace();
            return bytes >= 1024L * 1024 * 1024
                    ? String.format(Locale.ROOT, "%.1f GiB free", bytes / (1024.0 * 1024 * 1024))
                    : bytes / (1024 * 1024) + " MiB free";
        } catch (IOException e) {
            return "free space unknown";
        }
    }

    private Check time() {
        TimeSync.Answer answer = timeSync.check();
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                clock.instant().atZone(clock.getZone()).withNano(0));
        if (!answer.known()) {
            return Check.unknown(
                    "time",
                    answer.detail() + "; it says " + now,
                    "compare it with the time on your phone; where the gateway runs for good (a Raspberry Pi keeps"
                            + " no time while off), turn network time on: sudo timedatectl set-ntp true");
        }
        return answer.synchronised()
                ? Check.ok("time", answer.detail() + ", now " + now)
                : Check.failed(
                        "time",
                        answer.detail() + "; it says " + now,
                        "turn network time on: sudo timedatectl set-ntp true (Raspberry Pi OS has systemd-timesyncd;"
                                + " a Pi keeps no time while off)");
    }
}
