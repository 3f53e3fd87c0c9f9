package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import io.needleguard.store.DataDirectoryLock;
import io.needleguard.store.HistoryRestore;
import io.needleguard.store.RefusedFile;
import io.needleguard.text.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard restore FILE}: a backup becomes the history again. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restores a backup made by 'needleguard backup' as the history of the data directory: sessions, findings, "
                    + "conditions, pairings (the pens connect again without pairing), area choices.",
            "",
            "Into a data directory without a history; with --replace, the history there is first moved aside, whole, "
                    + "into a directory beside it (replaced-<time>). Refused, with the fix and nothing changed: a file "
                    + "that is damaged, not a needleguard history, or from a newer needleguard, and a gateway running "
                    + "on the data directory (stop it first)."
        })
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The backup to restore.")
    Path file;

    @Option(names = "--replace", description = "Restore over the history in the data directory, after moving it aside.")
    boolean replace;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        GatewayConfig cfg = options.config().loadOrDefaults(ConfigLoader.forThisMachine(), "needleguard");
        Path dataDir = options.dataDir().resolve(cfg.dataDir());
        HistoryRestore.Restored restored;
        try {
            restored = HistoryRestore.restore(file, dataDir, replace, clock.instant());
        } catch (RefusedFile | DataDirectoryLock.InUse e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Restored " + file.toAbsolutePath().normalize() + " into " + restored.history());
        out.println("  " + restored.contents().describe());
        restored.asideTo()
                .ifPresent(aside -> out.println("The history that was there is in " + aside
                        + "; to go back to it: needleguard restore " + aside.resolve("needleguard.db") + " --replace"));
        out.println("Start the gateway again (sudo systemctl start needleguard, for the package's): the paired pens"
                + " connect by themselves.");
        out.flush();
        return ExitCodes.OK;
    }
}
