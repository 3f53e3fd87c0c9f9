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
        return defaultDataDir(System.getenv(), home(System.getenv()));
    }

    /**
     * Where the demo keeps its own history, apart from the household's: {@code $XDG_STATE_HOME/needleguard/demo}
     * when that is an absolute path, else {@code ~/.local/state/needleguard/demo}. State, in the XDG sense:
     * kept between runs so that it can be looked at, but nothing anyone would back up.
     */
    public static Path demoDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "needleguard", "demo");
        }
        return Path.of(home(env), ".local", "state", "needleguard", "demo");
    }

    /** {@code $HOME} from {@code env}, else Java's idea of home. */
    public static String home(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }
}
