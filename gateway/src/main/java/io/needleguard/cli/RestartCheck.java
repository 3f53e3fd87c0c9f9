package io.needleguard.cli;

import io.needleguard.config.ConfigKeys;
import io.needleguard.store.ConfigAtStartFile;
import io.needleguard.store.DataDirectoryLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code doctor}'s look at the gateway running on the data directory (issue 22 item 1): whether keys it
 * reads at start only (mqtt, ble...) differ in the file now from what it started with, so that a
 * restart is needed to apply them. It compares digests the gateway noted at start
 * ({@link ConfigAtStartFile}) with the file's; no check at all when no gateway runs there.
 */
final class RestartCheck {

    static final String NAME = "restart";

    private RestartCheck() {}

    static Optional<DoctorCommand.Check> of(Path dataDir, Optional<Path> file) {
        if (file.isEmpty() || DataDirectoryLock.runningSince(dataDir).isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, String>> atStart = ConfigAtStartFile.read(dataDir);
        if (atStart.isEmpty()) {
            return Optional.empty(); // a gateway of a version that noted nothing
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty(); // the configuration check has said what is wrong with the file
        }
        List<String> waiting = ConfigKeys.changed(atStart.get(), ConfigKeys.digests(text), ConfigKeys.READ_AT_START);
        if (waiting.isEmpty()) {
            return Optional.of(DoctorCommand.Check.ok(
                    NAME,
                    "not needed: the running gateway uses " + file.get() + " as it is ("
                            + String.join(", ", ConfigKeys.APPLIED_AT_ONCE) + " apply while it runs)"));
        }
        String keys = String.join(", ", waiting);
        return Optional.of(DoctorCommand.Check.failed(
                NAME,
                file.get() + " changed " + keys + " since the running gateway started, which reads "
                        + (waiting.size() == 1 ? "it" : "them") + " at start only",
                "restart needleguard to apply: " + keys + " (sudo systemctl restart needleguard, for the package's)"));
    }
}
