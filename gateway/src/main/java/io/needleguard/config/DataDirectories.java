package io.needleguard.config;

import java.nio.file.Path;
import java.util.Map;

/** Where needleguard keeps its history when nobody says otherwise. */
public final class DataDirectories {

    private DataDirectories() {}

    /**
     * {@code $XDG_DATA_HOME/needleguard} when that is set to an absolute path (the XDG base directory
     * specification ignores relative ones), else {@code ~/.local/share/needleguard}.
     */
    public static Path defaultDataDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "needleguard");
        }
        return Path.of(userHome, ".local", "share", "needleguard");
    }

    /** From this process's environment; {@code $HOME} wins over Java's idea of home, as for any Unix tool. */
    public static Path defaultDataDir() {
        String home = System.getenv("HOME");
        return defaultDataDir(
                System.getenv(), home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
