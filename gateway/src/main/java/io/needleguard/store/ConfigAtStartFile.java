package io.needleguard.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What configuration the running gateway started with, as a digest per top-level key of its file
 * ({@link io.needleguard.config.ConfigKeys#digests}): {@code needleguard doctor} compares it with the file
 * now, to say which keys wait for a restart. Digests only, never a value; owner-only all the same.
 */
public final class ConfigAtStartFile {

    public static final String FILE_NAME = "config-at-start";

    private ConfigAtStartFile() {}

    public static void write(Path dataDir, Map<String, String> digests) throws IOException {
        Properties p = new Properties();
        p.putAll(digests);
        StatusFiles.write(
                dataDir,
                FILE_NAME,
                p,
                "SHA-256 of each key of the configuration 'needleguard run' started with, for 'needleguard doctor'");
    }

    /** The digests the gateway last wrote in {@code dataDir}; empty if none (or they cannot be read). */
    public static Optional<Map<String, String>> read(Path dataDir) {
        return StatusFiles.read(dataDir, FILE_NAME).map(p -> {
            Map<String, String> digests = new TreeMap<>();
            p.stringPropertyNames().forEach(key -> digests.put(key, p.getProperty(key)));
            return digests;
        });
    }
}
