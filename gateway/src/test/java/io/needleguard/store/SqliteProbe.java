package io.needleguard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a history in a JVM of its own and prints which file its SQLite library was mapped from (Linux's
 * {@code /proc/self/maps}): where sqlite-jdbc found it.
 */
public final class SqliteProbe {

    private SqliteProbe() {}

    public static void main(String[] args) throws IOException {
        try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
            store.sessions().pens();
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("sqlitejdbc"))
                    .map(l -> l.substring(l.indexOf('/')))
                    .findFirst()
                    .ifPresent(System.out::println);
        }
    }
}
