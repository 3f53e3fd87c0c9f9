package io.needleguard.sim.bluez;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A D-Bus system bus of our own: {@code dbus-daemon} (Debian package {@code dbus}) with a generated,
 * permissive configuration listening on a unix socket we choose. The simulated BlueZ owns
 * {@code org.bluez} there, and a gateway started with {@code DBUS_SYSTEM_BUS_ADDRESS} set to
 * {@link #address()} talks to it instead of the machine's Bluetooth.
 */
public final class PrivateBus implements AutoCloseable {

    /** The Debian package that has dbus-daemon. */
    public static final String PACKAGE = "dbus";
    /** A unix socket path longer than this does not fit in sockaddr_un. */
    static final int MAX_SOCKET_PATH = 107;

    private final Process daemon;
    private final Path socket;

    /** Stops the daemon when the JVM ends without {@link #close()} (an exception, a SIGTERM): no bus is left behind. */
    private final Thread stopAtExit;

    private PrivateBus(Process daemon, Path socket) {
        this.daemon = daemon;
        this.stopAtExit = new Thread(daemon::destroy, "private-bus-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        this.socket = socket;
    }

    /** dbus-daemon on the PATH or where Debian puts it; empty when the {@code dbus} package is not installed. */
    public static Optional<Path> daemonBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dbus-daemon"))) {
                return Optional.of(Path.of(dir, "dbus-daemon"));
            }
        }
        return Optional.empty();
    }

    /** The bus address of a socket path, as {@code DBUS_SYSTEM_BUS_ADDRESS} takes it. */
    public static String addressOf(Path socket) {
        return "unix:path=" + socket.toAbsolutePath();
    }

    /** Starts a bus listening on {@code socket}; its configuration is written next to it. */
    public static PrivateBus start(Path socket) throws IOException {
        Path binary = daemonBinary()
                .orElseThrow(() -> new IOException("dbus-daemon is not installed; install the Debian package '"
                        + PACKAGE + "' (sudo apt-get install " + PACKAGE + ")"));
        Path absolute = socket.toAbsolutePath();
        if (absolute.toString().length() > MAX_SOCKET_PATH) {
            throw new IOException("the bus socket path " + absolute + " is longer than a unix socket allows ("
                    + MAX_SOCKET_PATH + " characters); use a shorter directory");
        }
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        Path config = absolute.resolveSibling(absolute.getFileName() + ".conf");
        Files.writeString(config, config(absolute), StandardCharsets.UTF_8);
        Process daemon = new ProcessBuilder(
                        binary.toString(), "--config-file=" + config, "--nofork", "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitAddress(daemon, config);
        } catch (IOException e) {
            daemon.destroyForcibly();
            throw e;
        }
        return new PrivateBus(daemon, absolute);
    }

    /** dbus-daemon prints its address once it listens. */
    private static void awaitAddress(Process daemon, Path config) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String address = line.get(10, TimeUnit.SECONDS);
            if (address == null || address.isBlank()) {
                throw new IOException("dbus-daemon did not start (config " + config + "; exit code "
                        + (daemon.isAlive() ? "none yet" : daemon.exitValue()) + ")");
            }
        } catch (TimeoutException e) {
            throw new IOException("dbus-daemon did not start within 10 s (config " + config + ")");
        } catch (ExecutionException e) {
            throw new IOException("dbus-daemon did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting dbus-daemon", e);
        }
    }

    /**
     * Adds rules to the bus's policy, after the permissive ones so that they win (a test denies the
     * gateway what a real system bus may deny it), and has the daemon reload it; no rules restores the
     * permissive policy. The daemon reloads in the background: check that the change took.
     */
    public void restrict(List<String> rules) throws IOException {
        Files.writeString(configFile(), config(socket, rules), StandardCharsets.UTF_8);
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid()))
                .redirectErrorStream(true)
                .start();
        try {
            if (!hup.waitFor(10, TimeUnit.SECONDS) || hup.exitValue() != 0) {
                throw new IOException("could not ask dbus-daemon to reload its configuration");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reloading dbus-daemon's configuration", e);
        }
    }

    private Path configFile() {
        return socket.resolveSibling(socket.getFileName() + ".conf");
    }

    static String config(Path socket) {
        return config(socket, List.of());
    }

    /**
     * A system bus that lets anyone own, send and receive anything: it is private to the user who
     * started it (its socket lives in their directory), and BlueZ's own policy is not what is tested;
     * {@code extraRules} come last in the policy and so win.
     */
    static String config(Path socket, List<String> extraRules) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"",
                " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">",
                "<busconfig>",
                "  <type>system</type>",
                "  <listen>unix:path=" + socket + "</listen>",
                "  <auth>EXTERNAL</auth>",
                "  <policy context=\"default\">",
                "    <allow user=\"*\"/>",
                "    <allow own=\"*\"/>",
                "    <allow send_destination=\"*\" eavesdrop=\"true\"/>",
                "    <allow receive_sender=\"*\"/>",
                "    <allow send_type=\"method_call\"/>",
                "    <allow send_type=\"signal\"/>",
                "    <allow send_type=\"method_return\"/>",
                "    <allow send_type=\"error\"/>"));
        extraRules.forEach(rule -> lines.add("    " + rule));
        lines.addAll(List.of("  </policy>", "</busconfig>", ""));
        return String.join("\n", lines);
    }

    public String address() {
        return addressOf(socket);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook stops it
        }
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
            Files.deleteIfExists(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.destroyForcibly();
        } catch (IOException e) {
            // A stale socket is replaced on the next start.
        }
    }
}
