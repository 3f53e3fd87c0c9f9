package io.needleguard.cli;

import io.needleguard.text.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * {@code --config} and {@code --data-dir}: every command that reads the history or the configuration
 * takes both, the same way.
 */
public final class StateOptions {

    @Mixin
    ConfigOption config;

    @Mixin
    DataDirOption dataDir;

    public ConfigOption config() {
        return config;
    }

    public DataDirOption dataDir() {
        return dataDir;
    }

    /**
     * These options with those given to the parent command before the subcommand ({@code log --data-dir X
     * edit hand-3}): honoured, not ignored. The same option given on both sides with two values is refused.
     */
    StateOptions withParent(StateOptions parent) {
        dataDir.dataDir = once("--data-dir", dataDir.dataDir, parent.dataDir.dataDir);
        config.config = once("--config", config.config, parent.config.config);
        return this;
    }

    private static Path once(String option, Path mine, Path parents) {
        if (mine == null) {
            return parents;
        }
        if (parents != null && !parents.equals(mine)) {
            throw new InvalidInputException(option + " is given twice, " + parents + " and " + mine + "; give it once");
        }
        return mine;
    }

    /**
     * The configuration and the history.
     *
     * @param mustExist true for every command but those that start a history ({@code run}, {@code pair}):
     *                  a missing history is then an error, not an empty one created by mistake in the
     *                  wrong place (a mistyped --data-dir)
     */
    LocalState open(boolean mustExist) {
        return LocalState.open(config, dataDir, mustExist, "");
    }

    /**
     * The configuration and the history, for a command that only reads it: the history must exist, and
     * one its owner made read-only is read as it is.
     */
    LocalState openToRead() {
        return LocalState.open(config, dataDir, true, true);
    }

    /**
     * The configuration and the history, which a command that records something may start with
     * {@code --new-history}; without it a missing history is refused, as for every other command.
     */
    LocalState openOrStart(boolean newHistory) {
        return LocalState.open(config, dataDir, !newHistory, "or add --new-history to start one there with this");
    }
}
