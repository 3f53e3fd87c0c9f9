package io.needleguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./mvnw -B -q -Pbench verify}: the JMH benchmarks, then each figure of the performance table
 * end to end (a real Mosquitto on a free loopback port, the {@code ./needleguard} launcher as a user
 * runs it), printed as a table and written to {@code target/bench/results.json}. It measures and
 * never judges: no figure fails the build. {@code -Dbench.quick=true} runs less of everything.
 */
public final class Bench {

    /** Windows of each kind the recording figures take the median of. */
    private static final int RECORD_ROUNDS = 3;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("bench.quick");
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("target/bench");
        Path work = out.resolve("work");
        delete(work);
        Files.createDirectories(work);
        int recordSize = Integer.getInteger("bench.recordSize", 50_000);
        int recordMeasured = Integer.getInteger("bench.recordMeasured", quick ? 500 : 1_000);
        int lateSize = Integer.getInteger("bench.lateSize", 10_000);
        int drainSize = Integer.getInteger("bench.drainSize", 51_000);
        int replaySize = Integer.getInteger("bench.replaySize", 10_000);
        List<String> only = List.of(System.getProperty("bench.only", "jmh,record,late,drain,cli,run,replay")
                .split(","));

        Map<String, Object> results = new LinkedHashMap<>();
        List<String[]> table = new ArrayList<>();
        List<String> jmh = new ArrayList<>();

        if (only.contains("jmh")) {
            progress("JMH: decoding frames, judging against a year, storing a session with its outbox rows");
            jmh = microbenchmarks(quick);
        }
        if (only.contains("record")) {
            progress("recording: " + recordMeasured + " sessions in an empty history, then at " + recordSize
                    + ", in turn, " + RECORD_ROUNDS + " times each");
            Recording.Rates rates = Recording.rates(work.resolve("record"), recordSize, recordMeasured, RECORD_ROUNDS);
            double ratio = rates.atSize() / rates.first();
            results.put("record_rate_ratio_50k_vs_1k", round(ratio, 3));
            results.put("record_sessions_per_s", round(Math.min(rates.first(), rates.atSize()), 1));
            table.add(row(
                    "recording rate at " + rates.size() + " ÷ over the first " + recordMeasured,
                    fmt(ratio, 2),
                    "≥ 0.9"));
            table.add(row(
                    "recording rate, durable (first; at " + rates.size() + ")",
                    fmt(rates.first(), 0) + "/s; " + fmt(rates.atSize(), 0) + "/s",
                    "≥ 400/s"));
        }
        if (only.contains("late")) {
            progress("one late session at the start of a " + lateSize + "-session history");
            double ms = Recording.lateInsertMillis(work.resolve("late"), lateSize, quick ? 3 : 5);
            results.put("late_insert_ms_10k", round(ms, 1));
            table.add(row("one late session at the start of " + lateSize, fmt(ms, 1) + " ms", "≤ 100 ms"));
        }
        if (only.contains("cli") || only.contains("run") || only.contains("replay")) {
            // The launcher's first run after a build makes its class-data archive: not part of any figure.
            Processes.Run first = Processes.run(
                    Processes.builder(
                            root,
                            Map.of("NEEDLEGUARD_NO_BUILD", "1"),
                            List.of(root.resolve("needleguard").toString(), "--version")),
                    null);
            if (first.exit() != 0) {
                throw new IllegalStateException("./needleguard --version exited with " + first.exit());
            }
        }
        Broker broker = null;
        try {
            if (only.contains("drain") || only.contains("run")) {
                broker = Broker.start(work.resolve("mosquitto"));
            }
            if (only.contains("drain")) {
                progress("outbox drain of " + drainSize + " messages against plain Paho, same broker");
                var messages = Drain.messages(drainSize);
                List<Double> ratios = new ArrayList<>();
                List<Double> ours = new ArrayList<>();
                List<Double> theirs = new ArrayList<>();
                for (int i = 0; i < (quick ? 1 : 3); i++) {
                    double paho = Drain.paho(broker.url(), messages);
                    double gateway = Drain.gateway(broker.url(), work.resolve("drain-" + i), messages);
                    theirs.add(paho);
                    ours.add(gateway);
                    ratios.add(paho / gateway);
                }
                double ratio = CommandLine.median(ratios);
                double seconds = CommandLine.median(ours);
                results.put("drain_ratio_vs_paho", round(ratio, 3));
                results.put("drain_51k_s", round(seconds, 2));
                table.add(row(
                        "outbox drain ÷ raw Paho QoS 1 (" + fmt(drainSize / seconds, 0) + " vs "
                                + fmt(drainSize / CommandLine.median(theirs), 0) + " msg/s)",
                        fmt(ratio, 2),
                        "≥ 0.5"));
                table.add(row(drainSize + "-message backlog drain", fmt(seconds, 1) + " s", "≤ 15 s"));
            }
            if (only.contains("cli")) {
                progress("command line against a JVM hello world, in turn");
                CommandLine cli = new CommandLine(root, work.resolve("cli"));
                Map<String, double[]> ratios = cli.ratios(cli.prepare(), quick ? 5 : 10);
                double worst =
                        ratios.values().stream().mapToDouble(r -> r[0]).max().orElseThrow();
                results.put("cli_ratio_vs_jvm", round(worst, 2));
                ratios.forEach((name, r) -> table.add(
                        row("  " + name + " ÷ hello world (" + fmt(r[1], 2) + " s)", fmt(r[0], 1) + "×", "")));
                table.add(row("status, rules, --version, history ÷ hello world (worst)", fmt(worst, 1) + "×", "≤ 10×"));
            }
            if (only.contains("run")) {
                int settle = quick ? 30 : 60;
                progress("run with ten simulated pens, " + settle + " s");
                double mib = new Launched(root, work.resolve("run")).runResidentMib(broker.url(), settle);
                results.put("run_rss_mib", round(mib, 1));
                table.add(row("run resident memory, 10 simulated pens, settled", fmt(mib, 1) + " MiB", "≤ 96 MiB"));
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        if (only.contains("replay")) {
            progress("replay of a " + replaySize + "-session scenario");
            Processes.Run run = new Launched(root, work.resolve("replay")).replay(replaySize);
            results.put("replay_10k_s", round(run.seconds(), 2));
            results.put("replay_10k_peak_mb", round(run.peakMib(), 1));
            table.add(row(
                    "replay of " + replaySize + " sessions",
                    fmt(run.seconds(), 1) + " s, " + fmt(run.peakMib(), 0) + " MiB peak",
                    "≤ 20 s, ≤ 256 MB"));
        }

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_mib", Processes.memoryMib());
        machine.put(
                "jvm",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("os.arch") + ")");
        results.put("machine", machine);

        Files.createDirectories(out);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("results.json").toFile(), results);
        print(quick, machine, table, jmh, out.resolve("results.json"));
    }

    private static List<String> microbenchmarks(boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .include(JudgeBenchmark.class.getName())
                .include(StoreBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        List<String> lines = new ArrayList<>();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        results.sort(Comparator.comparing(
                r -> r.getParams().getBenchmark() + r.getParams().getParam("frame")));
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceFirst(".*\\.bench\\.", "");
            String frame = r.getParams().getParam("frame");
            var score = r.getPrimaryResult();
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-44s %12.3f ± %.3f %s",
                    name + (frame == null ? "" : " [" + frame + "]"),
                    score.getScore(),
                    score.getScoreError(),
                    score.getScoreUnit()));
        }
        return lines;
    }

    private static void print(
            boolean quick, Map<String, Object> machine, List<String[]> table, List<String> jmh, Path json) {
        StringBuilder s = new StringBuilder();
        s.append("\nneedleguard benchmarks (")
                .append(quick ? "quick" : "full")
                .append(" run) on ")
                .append(machine.get("cores"))
                .append(" cores, ")
                .append(machine.get("memory_mib"))
                .append(" MiB, ")
                .append(machine.get("jvm"))
                .append("\n\n");
        if (!jmh.isEmpty()) {
            s.append("JMH (average time per operation)\n");
            jmh.forEach(l -> s.append(l).append('\n'));
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, "%-66s %-28s %s%n", "figure", "now", "target"));
        for (String[] r : table) {
            s.append(String.format(Locale.ROOT, "%-66s %-28s %s%n", r[0], r[1], r[2]));
        }
        s.append("\nwritten to ").append(json).append('\n');
        System.out.print(s);
    }

    private static String[] row(String figure, String now, String target) {
        return new String[] {figure, now, target};
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static void progress(String what) {
        System.err.println("[bench] " + what);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
