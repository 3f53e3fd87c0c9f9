package io.needleguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as a user would and measures them from outside: wall time, resident memory from /proc. */
final class Processes {

    /** A finished run: its wall seconds, its peak resident size (VmHWM) in MiB and its exit code. */
    record Run(double seconds, double peakMib, int exit) {}

    private Processes() {}

    static ProcessBuilder builder(Path workDir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to the end with its output thrown away, polling its peak resident size while it runs. */
    static Run run(ProcessBuilder pb, Path output) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        pb.redirectOutput(
                output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        double peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, statusKib(p.pid(), "VmHWM") / 1024.0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(seconds, peak, p.exitValue());
    }

    /** A field of /proc/PID/status in KiB (VmRSS, VmHWM), 0 once the process is gone. */
    static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process ended between two looks.
        }
        return 0;
    }

    /** The machine's memory in MiB, from /proc/meminfo. */
    static long memoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // Not Linux: unknown.
        }
        return -1;
    }
}
