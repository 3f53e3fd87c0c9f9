package io.needleguard.cli;

import io.needleguard.history.RecorderListener;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Household;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.store.SqliteNativeLibrary;
import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A training run for the class-data archive (AppCDS) of the launcher and of the package: the one-shot
 * commands, each once, in one JVM, against a small history in a temporary directory, their output thrown
 * away. The launcher (after a build) and the package's postinst run it with
 * {@code -XX:DumpLoadedClassList} and archive the classes it loaded with {@code -Xshare:dump}; every
 * later command then maps the classes it needs, already parsed and verified, instead of loading them
 * from the jars.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {}

    /** {@code -Dneedleguard.unpack-native-to=DIR}: also unpack SQLite's native library there (see {@link SqliteNativeLibrary}). */
    public static void main(String[] args) throws IOException {
        String nativeDir = System.getProperty("needleguard.unpack-native-to");
        if (nativeDir != null) {
            SqliteNativeLibrary.unpack(Path.of(nativeDir));
        }
        Path dir = Files.createTempDirectory("needleguard-training-");
        try {
            Path data = dir.resolve("data");
            Instant now = Instant.now();
            try (SqliteStore store = SqliteStore.open(data)) {
                Household household = Household.single(ZoneId.systemDefault());
                store.sessions().saveOwners(household.owners());
                SessionRecorder recorder = new SessionRecorder(
                        store.history(),
                        SafetyCheck.standard(),
                        household,
                        Clock.systemUTC(),
                        new RecorderListener() {});
                for (int i = 1; i <= 20; i++) {
                    Instant start = now.minusSeconds(86_400L * (40 - 2L * i));
                    recorder.record(new Session(
                            new SessionId("TRAIN-1", i),
                            household.owners().get(0).id(),
                            i % 2 == 0 ? Area.CHEEKS : Area.FOREHEAD,
                            Depth.ofMm("0.5"),
                            120,
                            start,
                            start.plusSeconds(600),
                            "C-" + i));
                }
            }
            Path config = dir.resolve("needleguard.yaml");
            // A configuration as a household writes one (people, pens, devices): reading each part uses
            // code, lambdas among it, that the archive then holds ready.
            Files.writeString(
                    config,
                    "data-dir: " + data + "\n"
                            + "mqtt: {enabled: false}\n"
                            + "owners: [{id: alex, zone: Europe/Berlin}, {id: sam, zone: UTC}]\n"
                            + "pens: [{serial: TRAIN-1, owner: alex}, {serial: TRAIN-2, owner: sam}]\n"
                            + "devices: [{id: roller-1, kind: roller, owner: alex, needle-length-mm: 0.5}]\n");
            String c = config.toString();
            List<String[]> commands = List.of(
                    new String[] {"--version"},
                    new String[] {"--help"},
                    new String[] {"rules", "--config", c},
                    new String[] {"status", "--config", c},
                    new String[] {"history", "--config", c},
                    new String[] {"history", "--config", c, "--format", "json"},
                    new String[] {"pens", "--config", c},
                    new String[] {"aftercare", "--config", c},
                    new String[] {"condition", "list", "--config", c},
                    new String[] {"area", "show", "--config", c});
            new StartupWarmup.Work().run(); // what main() starts on its second thread
            PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            for (String[] command : commands) {
                Main.execute(nowhere, nowhere, command);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
