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
