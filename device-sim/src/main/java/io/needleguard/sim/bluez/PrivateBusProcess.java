package io.needleguard.sim.bluez;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs this same command again in a child JVM started with {@code DBUS_SYSTEM_BUS_ADDRESS} pointing at a
 * new private bus, since a running JVM cannot change its own environment (see {@link BluezTransport}).
 * The child inherits the terminal; its exit code is the command's.
 */
public final class PrivateBusProcess {

    private PrivateBusProcess() {}

    /** @param args the command line arguments, used only when the JVM cannot report its own */
    public static int rerun(List<String> args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("needleguard-bus");
        Path socket = dir.resolve("bus");
        ProcessBuilder builder = new ProcessBuilder(command(args)).inheritIO();
        builder.environment().put(BluezTransport.SYSTEM_BUS_ENV, PrivateBus.addressOf(socket));
        builder.environment().put(BluezTransport.PRIVATE_BUS_ENV, socket.toString());
        Process child = builder.start();
        // Ctrl-C reaches both; a SIGTERM to this process alone is passed on, and the child is waited for.
        Thread stop = new Thread(
                () -> {
                    child.destroy();
                    try {
                        child.waitFor();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "private-bus-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.resolveSibling("bus.conf"));
            Files.deleteIfExists(dir);
        }
    }

    /** This JVM's own command line (Linux reports it), or java with this class path and needleguard's main class. */
    private static List<String> command(List<String> args) {
        ProcessHandle.Info self = ProcessHandle.current().info();
        Optional<String> java = self.command();
        Optional<String[]> arguments = self.arguments();
        List<String> command = new ArrayList<>();
        if (java.isPresent() && arguments.isPresent()) {
            command.add(java.get());
            command.addAll(List.of(arguments.get()));
            return command;
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.needleguard.cli.Main");
        command.addAll(args);
        return command;
    }
}
