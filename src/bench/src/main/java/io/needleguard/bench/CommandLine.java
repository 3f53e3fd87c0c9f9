package io.needleguard.bench;

import io.needleguard.history.SessionRecorder;
import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ./needleguard} launcher's one-shot commands against a JVM printing hello world, run in
 * turn (command, hello, command, hello...) so that each ratio compares runs made moments apart.
 */
final class CommandLine {

    /** One session a day across the household for ten years. */
    static final int TEN_YEARS = 3_652;

    private final Path root;
    private final Path dir;
    private final Map<String, String> env;

    CommandLine(Path root, Path dir) throws IOException {
        this.root = root;
        this.dir = dir;
        Files.createDirectories(dir.resolve("config"));
        this.env = Map.of(
                "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_DATA_HOME", dir.resolve("data-home").toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "NEEDLEGUARD_NO_BUILD", "1");
    }

    /** A configuration with the synthetic household and a data directory holding ten years of its sessions. */
    Path prepare() throws IOException {
        Path data = dir.resolve("data");
        try (SqliteStore store = SqliteStore.open(data)) {
            SessionRecorder recorder = SyntheticHistory.recorder(store, Clock.systemUTC());
            store.sessions().saveOwners(SyntheticHistory.HOUSEHOLD.owners());
            SyntheticHistory.fill(store, recorder, 0, TEN_YEARS, Duration.ofDays(1));
        }
        Path config = dir.resolve("needleguard.yaml");
        Files.writeString(
                config,
                "data-dir: " + data + "\n"
                        + "mqtt: {enabled: false}\n"
                        + "owners: [{id: alex, zone: Europe/Berlin}, {id: sam, zone: Europe/Berlin}]\n"
                        + "pens: [{serial: P-A1, owner: alex}, {serial: P-S1, owner: sam}, {serial: P-A2, owner: alex}]\n");
        return config;
    }

    /** Per command, the median over {@code pairs} of (command's wall time ÷ hello world's), and the command's median seconds. */
    Map<String, double[]> ratios(Path config, int pairs) throws IOException, InterruptedException {
        String launcher = root.resolve("needleguard").toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("--version", List.of(launcher, "--version"));
        commands.put("rules", List.of(launcher, "rules", "--config", config.toString()));
        commands.put("status", List.of(launcher, "status", "--config", config.toString()));
        commands.put("history (10 years)", List.of(launcher, "history", "--config", config.toString()));
        List<String> hello = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                helloClasspath(),
                Hello.class.getName());
        Map<String, double[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> c : commands.entrySet()) {
            // One run first: it builds the class-data archive if the launcher has none yet.
            check(c.getKey(), Processes.run(Processes.builder(root, env, c.getValue()), null));
            List<Double> ratios = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                Processes.Run a = check(c.getKey(), Processes.run(Processes.builder(root, env, c.getValue()), null));
                Processes.Run b = Processes.run(Processes.builder(root, env, hello), null);
                ratios.add(a.seconds() / b.seconds());
                seconds.add(a.seconds());
            }
            result.put(c.getKey(), new double[] {median(ratios), median(seconds)});
        }
        return result;
    }

    /** Where {@link Hello} was loaded from (the bench module's classes), and nothing else. */
    private static String helloClasspath() {
        try {
            return Path.of(Hello.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Processes.Run check(String what, Processes.Run run) {
        if (run.exit() != 0) {
            throw new IllegalStateException("needleguard " + what + " exited with " + run.exit());
        }
        return run;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
