package io.needleguard.store;

import io.needleguard.backup.BackupStatus;
import io.needleguard.backup.Backups;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups of one history in one directory, named by when they were made, in UTC:
 * {@code needleguard-20261129-030000.db}. Files with other names are never touched: only needleguard's
 * own are counted, listed and pruned.
 */
public final class BackupDirectory implements Backups {

    private static final Logger log = LoggerFactory.getLogger(BackupDirectory.class);
    static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("'needleguard-'yyyyMMdd-HHmmss'.db'").withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final Path directory;

    /**
     * @param dataDir   the history's data directory
     * @param directory where its backups go
     */
    public BackupDirectory(Path dataDir, Path directory) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The file a backup made at {@code at} is written to. */
    public Path fileFor(Instant at) {
        return directory.resolve(NAME.format(at));
    }

    /** needleguard's backups in the directory, by when they were made, oldest first; none if it does not exist. */
    public List<Path> list() {
        TreeMap<Instant, Path> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "needleguard-*.db")) {
            for (Path f : files) {
                made(f).ifPresent(at -> found.put(at, f));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the backups in " + directory + " (" + e.getMessage() + ")", e);
        }
        return List.copyOf(found.values());
    }

    private static Optional<Instant> made(Path file) {
        try {
            return Optional.of(Instant.from(NAME.parse(file.getFileName().toString())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> newest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : made(all.get(all.size() - 1));
    }

    @Override
    public Made make(Instant at) {
        HistoryBackup.Made made = HistoryBackup.make(dataDir, fileFor(at));
        return new Made(made.file().getFileName().toString(), made.contents().describe());
    }

    @Override
    public List<String> prune(int keep) {
        List<Path> all = new ArrayList<>(list());
        all.sort(Comparator.comparing(p -> made(p).orElseThrow()));
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Path old = all.get(i);
            try {
                Files.deleteIfExists(old);
                deleted.add(old.getFileName().toString());
            } catch (IOException e) {
                log.warn("could not delete the old backup {} ({}); delete it yourself", old, e.getMessage());
            }
        }
        return deleted;
    }

    @Override
    public void record(BackupStatus status) {
        try {
            BackupStatusFile.write(dataDir, status);
        } catch (IOException e) {
            log.warn("could not keep the backup status for doctor in {} ({})", dataDir, e.getMessage());
        }
    }
}
