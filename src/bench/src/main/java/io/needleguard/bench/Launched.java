package io.needleguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ./needleguard run} and {@code ./needleguard replay}, measured from outside the way a user runs them. */
final class Launched {

    private final Path root;
    private final Path dir;
    private final Map<String, String> env;

    Launched(Path root, Path dir) throws IOException {
        this.root = root;
        this.dir = dir;
        Files.createDirectories(dir.resolve("config"));
        this.env = Map.of(
                "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_DATA_HOME", dir.resolve("data-home").toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "NEEDLEGUARD_NO_BUILD", "1");
    }

    /**
     * The resident size in MiB of {@code run} with ten simulated pens publishing to {@code brokerUrl}, once
     * settled: the median of one look a second over the last ten of {@code settleSeconds}.
     */
    double runResidentMib(String brokerUrl, int settleSeconds) throws IOException, InterruptedException {
        Path scenario = Scenarios.tenPens(dir.resolve("ten-pens.json"));
        Path config = dir.resolve("run.yaml");
        Files.writeString(
                config,
                "data-dir: " + dir.resolve("run-data") + "\n"
                        + "ble: {backend: sim, options: {scenario: " + scenario + ", lead-seconds: 0}}\n"
                        + "mqtt: {url: \"" + brokerUrl + "\", client-id: bench-run}\n");
        ProcessBuilder pb = Processes.builder(
                        root,
                        env,
                        List.of(root.resolve("needleguard").toString(), "run", "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        Process p = pb.start();
        List<Double> samples = new ArrayList<>();
        try {
            for (int s = 1; s <= settleSeconds; s++) {
                Thread.sleep(1_000);
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "needleguard run exited with " + p.exitValue() + "; see " + dir.resolve("run.log"));
                }
                if (s > settleSeconds - 10) {
                    samples.add(Processes.statusKib(p.pid(), "VmRSS") / 1024.0);
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
        return CommandLine.median(samples);
    }

    /** {@code replay} of a scenario with {@code sessions} sessions: wall seconds and peak resident MiB. */
    Processes.Run replay(int sessions) throws IOException, InterruptedException {
        Path scenario = Scenarios.history(dir.resolve("replay-" + sessions + ".json"), sessions);
        Path output = dir.resolve("replay-" + sessions + ".jsonl");
        Processes.Run run = Processes.run(
                Processes.builder(
                        root, env, List.of(root.resolve("needleguard").toString(), "replay", scenario.toString())),
                output);
        if (run.exit() != 0) {
            throw new IllegalStateException("replay exited with " + run.exit() + "; see " + output);
        }
        long lines;
        try (var printed = Files.lines(output)) {
            lines = printed.filter(l -> l.startsWith("{")).count();
        }
        if (lines != sessions) {
            throw new IllegalStateException("replay printed " + lines + " sessions of " + sessions + "; see " + output);
        }
        return run;
    }
}
