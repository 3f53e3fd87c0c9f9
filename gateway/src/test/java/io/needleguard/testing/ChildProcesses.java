package io.needleguard.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes tests start (brokers, buses, needleguard itself) end with the test, also when it
 * fails, and with their own children: a {@code sim bluez} killed mid-test must not leave its
 * {@code dbus-daemon} behind. What a test forgets is stopped when the test JVM exits.
 */
public final class ChildProcesses {

    private static final Set<Process> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> List.copyOf(WATCHED).forEach(p -> stop(p, Duration.ofSeconds(2))),
                        "stop-test-processes"));
    }

    private ChildProcesses() {}

    /** Stops {@code process} when the JVM exits, unless {@link #stop} did already. */
    public static Process watch(Process process) {
        WATCHED.add(process);
        return process;
    }

    /** Asks the process and all it started to end (SIGTERM), then ends what is left after {@code grace} (SIGKILL). */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = tree(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly();
            }
        }
        // Children it started while stopping, or that outlived it.
        tree.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        WATCHED.remove(process);
    }

    /** The process and its descendants, children first, so a parent that stops them itself can. */
    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
        all.add(root);
        return all;
    }
}
