package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.store.BackupDirectory;
import io.needleguard.store.HistoryBackup;
import io.needleguard.store.RefusedFile;
import io.needleguard.text.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard backup [FILE]}: a checked copy of the whole history, also while {@code run} records. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Backs the whole history up into one file: sessions, findings, conditions, pairings, area choices and "
                    + "what waits for MQTT. Works while the gateway runs (SQLite's online backup), and checks the copy "
                    + "(integrity check, every table counted) before it keeps it; the file is readable by you only.",
            "",
            "Without FILE: into backup.directory (default: the data directory's backups/), named by the time in UTC, "
                    + "e.g. needleguard-20261129-030000.db. Copy backups off this machine too: they are what a new one "
                    + "is restored from (needleguard restore)."
        })
final class BackupCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "Where to write the backup; must not exist (default: a new file in backup.directory).")
    Path file;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        GatewayConfig cfg = options.config().loadOrDefaults(ConfigLoader.forThisMachine(), "needleguard");
        Path dataDir = options.dataDir().resolve(cfg.dataDir());
        Path target = file != null
                ? file
                : new BackupDirectory(dataDir, cfg.backup().plan(dataDir).directory()).fileFor(clock.instant());
        HistoryBackup.Made made;
        try {
            made = HistoryBackup.make(dataDir, target);
        } catch (RefusedFile e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backed up " + dataDir + " to " + made.file() + " (" + size(made.bytes()) + ", owner-only)");
        out.println("  " + made.contents().describe());
        out.println("  checked: SQLite's integrity check passed, every table holds what the history held");
        out.println("Restore it with: needleguard restore " + made.file());
        out.flush();
        return ExitCodes.OK;
    }

    static String size(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
