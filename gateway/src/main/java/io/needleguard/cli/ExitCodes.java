package io.needleguard.cli;

/** needleguard's exit codes, the same for every command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** Something failed while running: a broken Bluetooth adapter, an unreadable history. */
    public static final int FAILURE = 1;
    /** The command line, a configuration file or a scenario is not valid; nothing was done. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
