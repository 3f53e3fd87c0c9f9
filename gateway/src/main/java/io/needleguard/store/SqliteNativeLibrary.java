package io.needleguard.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library for this machine, unpacked once into a directory of the launcher's. On
 * every start sqlite-jdbc otherwise copies the library (a megabyte) out of its jar into the temporary
 * directory and compares it byte by byte with a copy already there: a tenth of a one-shot command's
 * time. The launcher unpacks it after each build and starts the JVM with {@code -Dorg.sqlite.lib.path}
 * and {@code -Dorg.sqlite.lib.name}; without them sqlite-jdbc does as before.
 */
public final class SqliteNativeLibrary {

    private SqliteNativeLibrary() {}

    /** The library unpacked into {@code dir}; empty when this jar has none for this machine or it cannot be written. */
    public static Optional<Path> unpack(Path dir) {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Path partial = dir.resolve(name + ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Path library = dir.resolve(name);
            Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(library);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
