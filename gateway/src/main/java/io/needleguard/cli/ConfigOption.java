package io.needleguard.cli;

import io.needleguard.config.ConfigExample;
import io.needleguard.config.ConfigException;
import io.needleguard.config.ConfigLoader;
import io.needleguard.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, defaulting to {@code $XDG_CONFIG_HOME/needleguard/needleguard.yaml} (or
 * {@code ~/.config/needleguard/needleguard.yaml}) when that file exists, else to the system's
 * {@code /etc/needleguard/needleguard.yaml} (the Debian package's) when that exists, so that
 * {@code status} and {@code rules} use the same thresholds and history as the running gateway without
 * repeating the option.
 */
public final class ConfigOption {

    /** The system-wide configuration the Debian package installs, and its service reads. */
    public static final Path SYSTEM_FILE = Path.of("/etc/needleguard/needleguard.yaml");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration file (default: ~/.config/needleguard/needleguard.yaml if it exists, else "
                    + "/etc/needleguard/needleguard.yaml if that exists).")
    Path config;

    /** The file to read: the one given, or the user's if it exists, or the system's if that exists. */
    public Optional<Path> file() {
        if (config != null) {
            return Optional.of(config);
        }
        return defaultFile(System.getenv(), home(), SYSTEM_FILE, Files::isRegularFile);
    }

    /** The user's file if it exists, else the system's if it exists. */
    static Optional<Path> defaultFile(
            Map<String, String> env, String home, Path systemFile, java.util.function.Predicate<Path> exists) {
        Path user = defaultFile(env, home);
        if (exists.test(user)) {
            return Optional.of(user);
        }
        return exists.test(systemFile) ? Optional.of(systemFile) : Optional.empty();
    }

    /** The configuration, or the defaults when there is no file. */
    public GatewayConfig loadOrDefaults(ConfigLoader loader, String hostname) {
        return file().map(loader::load).orElseGet(() -> GatewayConfig.defaults(hostname));
    }

    /** The configuration; a command that cannot run without one says where to put it. */
    public GatewayConfig loadRequired(ConfigLoader loader) {
        return loader.load(file().orElseThrow(() -> new ConfigException(
                "no configuration: pass --config FILE, or put one at " + defaultFile(System.getenv(), home()) + " ("
                        + ConfigExample.path() + " is a commented example)")));
    }

    static Path defaultFile(Map<String, String> env, String home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base =
                xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("needleguard").resolve("needleguard.yaml");
    }

    private static String home() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }
}
