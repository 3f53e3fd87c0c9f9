package io.needleguard.cli;

import io.needleguard.config.DataDirectories;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data-dir}: every command that touches the history takes it. */
public final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Where the history is kept (default: $XDG_DATA_HOME/needleguard or ~/.local/share/needleguard).")
    Path dataDir;

    /** The directory given on the command line, if one was. */
    public Optional<Path> given() {
        return Optional.ofNullable(dataDir);
    }

    /** The directory given on the command line, else the configured one, else the per-user default. */
    public Path resolve(Optional<Path> configured) {
        if (dataDir != null) {
            return dataDir;
        }
        return configured.orElseGet(DataDirectories::defaultDataDir);
    }
}
