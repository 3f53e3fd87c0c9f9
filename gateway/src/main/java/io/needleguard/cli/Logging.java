package io.needleguard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log verbosity for the command line. Logs go to standard error so that what a command prints on
 * standard output (tables, JSON lines) stays clean to pipe into other tools.
 */
final class Logging {

    private Logging() {}

    /**
     * @param verbosity 0 = the command's default, 1 = INFO, 2 or more = DEBUG
     * @param defaultLevel what the command logs without -v (a service logs INFO, a one-shot command WARN)
     */
    static void configure(int verbosity, Level defaultLevel) {
        StartupWarmup.awaitLogging();
        Level level = switch (verbosity) {
            case 0 -> defaultLevel;
            case 1 -> Level.INFO.isGreaterOrEqual(defaultLevel) ? defaultLevel : Level.INFO;
            default -> Level.DEBUG;
        };
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
