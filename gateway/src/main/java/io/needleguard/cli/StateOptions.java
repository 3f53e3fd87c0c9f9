package io.needleguard.cli;

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
     * The configuration and the history.
     *
     * @param mustExist true for commands that only read: a missing history is then an error, not an
     *                  empty one created by mistake in the wrong place
     */
    LocalState open(boolean mustExist) {
        return LocalState.open(config, dataDir, mustExist, false);
    }

    /**
     * The configuration and the history, for a command that only reads it: the history must exist, and
     * one its owner made read-only is read as it is.
     */
    LocalState openToRead() {
        return LocalState.open(config, dataDir, true, true);
    }
}
