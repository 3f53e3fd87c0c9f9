package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where commands find the configuration without --config: the user's own, else the system's (the package's). */
class ConfigOptionTest {

    private static final Path SYSTEM = Path.of("/etc/needleguard/needleguard.yaml");
    private static final Path ANNS = Path.of("/home/ann/.config/needleguard/needleguard.yaml");

    @Test
    void theInstalledPackagePointsAtItsOwnExampleNotAtAClonesSourceTree() {
        java.io.StringWriter err = new java.io.StringWriter();
        String before = System.getProperty(io.needleguard.config.ConfigExample.PROPERTY);
        System.setProperty(
                io.needleguard.config.ConfigExample.PROPERTY, "/usr/share/doc/needleguard/examples/needleguard.yaml");
        try {
            int code = Main.execute(
                    new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(err, true),
                    "status",
                    "--config",
                    "/nonexistent/needleguard.yaml");
            assertEquals(2, code, err.toString());
        } finally {
            if (before == null) {
                System.clearProperty(io.needleguard.config.ConfigExample.PROPERTY);
            } else {
                System.setProperty(io.needleguard.config.ConfigExample.PROPERTY, before);
            }
        }
        assertEquals(
                "needleguard: /nonexistent/needleguard.yaml: no such file; check the path given to --config"
                        + " (/usr/share/doc/needleguard/examples/needleguard.yaml is a commented example to copy)",
                err.toString().strip());
    }

    @Test
    void theUsersOwnFileWins() {
        assertEquals(
                Optional.of(ANNS),
                ConfigOption.defaultFile(Map.of(), "/home/ann", SYSTEM, Set.of(ANNS, SYSTEM)::contains));
    }

    @Test
    void withoutOneTheSystemsFileIsUsed() {
        assertEquals(
                Optional.of(SYSTEM), ConfigOption.defaultFile(Map.of(), "/home/ann", SYSTEM, Set.of(SYSTEM)::contains));
    }

    @Test
    void withNeitherThereIsNone() {
        assertEquals(Optional.empty(), ConfigOption.defaultFile(Map.of(), "/home/ann", SYSTEM, p -> false));
    }

    @Test
    void xdgConfigHomeIsHonoured() {
        Path xdg = Path.of("/srv/cfg/needleguard/needleguard.yaml");
        assertEquals(
                Optional.of(xdg),
                ConfigOption.defaultFile(
                        Map.of("XDG_CONFIG_HOME", "/srv/cfg"), "/home/ann", SYSTEM, Set.of(xdg, SYSTEM)::contains));
    }
}
