package io.needleguard.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        StringWriter text = new StringWriter();
        p.store(
                text,
                "SHA-256 of each key of the configuration 'needleguard run' started with, for 'needleguard doctor'");
        Path file = dataDir.resolve(FILE_NAME);
        Path fresh = dataDir.resolve(FILE_NAME + ".new");
        Files.deleteIfExists(fresh);
        OwnerOnlyFiles.file(fresh);
        try (Writer w = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
            w.write(text.toString());
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The digests the gateway last wrote in {@code dataDir}; empty if none (or they cannot be read). */
    public static Optional<Map<String, String>> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        Map<String, String> digests = new TreeMap<>();
        p.stringPropertyNames().forEach(key -> digests.put(key, p.getProperty(key)));
        return Optional.of(digests);
    }
}
