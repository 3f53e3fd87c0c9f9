package io.needleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's unpacked SQLite library: a JVM started with it loads that file, where one without it
 * unpacks a copy into its temporary directory on every start (Linux: read from /proc/self/maps).
 */
class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void aJvmGivenTheUnpackedLibraryUsesItInsteadOfUnpackingItsOwn() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only: the probe reads /proc/self/maps");
        Path library = SqliteNativeLibrary.unpack(dir.resolve("native")).orElseThrow();
        assertTrue(Files.size(library) > 100_000, library + " holds the library");
        assertEquals(library, SqliteNativeLibrary.unpack(dir.resolve("native")).orElseThrow(), "again: the same");

        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String without = probe(tmp, dir.resolve("data-1"));
        assertTrue(without.startsWith(tmp.toString()), "without it, sqlite-jdbc unpacks its own copy: " + without);

        String with = probe(
                tmp,
                dir.resolve("data-2"),
                "-Dorg.sqlite.lib.path=" + library.getParent(),
                "-Dorg.sqlite.lib.name=" + library.getFileName());
        assertEquals(library.toString(), with, "with it, the unpacked library is the one loaded");
    }

    /** Which library file the probe's JVM mapped. */
    private String probe(Path tmp, Path data, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.add(SqliteProbe.class.getName());
        command.add(data.toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        String output = Files.readString(dir.resolve("probe.log")).strip();
        assertEquals(0, p.exitValue(), output);
        return output.lines().reduce((a, b) -> b).orElse("");
    }
}
