package io.needleguard.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The small files a running gateway writes in its data directory for {@code doctor} (another process) to
 * read: properties, readable by their owner only, replaced whole (written aside, then moved over the old
 * one), so that a reader never sees half of one.
 */
final class StatusFiles {

    private StatusFiles() {}

    static void write(Path dataDir, String fileName, Properties values, String comment) throws IOException {
        StringWriter text = new StringWriter();
        values.store(text, comment);
        Path file = dataDir.resolve(fileName);
        Path fresh = dataDir.resolve(fileName + ".new");
        Files.deleteIfExists(fresh);
        OwnerOnlyFiles.file(fresh);
        try (Writer w = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
            w.write(text.toString());
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the file holds; empty if there is none, or it cannot be read. */
    static Optional<Properties> read(Path dataDir, String fileName) {
        Path file = dataDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
