package io.needleguard.ble.dbus;

import java.util.Optional;
import java.util.Set;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * What a D-Bus or BlueZ error means for a user, with what to do.
 *
 * <p>dbus-java keeps an error's D-Bus name only when a Java class of that name exists: the bus's own
 * errors ({@code org.freedesktop.DBus.Error.AccessDenied} and the like, in dbus-java) keep theirs;
 * BlueZ's ({@code org.bluez.Error.NotReady}) arrive as a plain {@link DBusExecutionException} with
 * BlueZ's message, which is stable ("Resource Not Ready", "Already Exists"), so those are told by it.
 */
final class DbusProblems {

    private static final Set<String> ALREADY_DONE = Set.of("Already Exists", "Already Connected");

    private DbusProblems() {}

    /**
     * The D-Bus error name of a failed call where dbus-java kept it ({@code org.freedesktop.DBus.Error.AccessDenied},
     * or BlueZ's where a class of that name is on the class path); the exception's class name otherwise.
     */
    static String errorName(Throwable problem) {
        return name(problem).orElse(problem.getClass().getName());
    }

    private static Optional<String> name(Throwable problem) {
        if (problem.getClass() == DBusExecutionException.class || !(problem instanceof DBusExecutionException)) {
            return Optional.empty();
        }
        String name = problem.getClass().getName().replace('$', '.');
        return Optional.of(
                name.startsWith("org.freedesktop.dbus.errors.")
                        ? "org.freedesktop.DBus.Error." + name.substring("org.freedesktop.dbus.errors.".length())
                        : name);
    }

    static String describe(Throwable problem) {
        String text = problem.getMessage() == null ? "" : problem.getMessage();
        Optional<String> name = name(problem);
        String message = name.map(n -> text.isEmpty() ? n : n + ": " + text)
                .orElse(text.isEmpty() ? problem.getClass().getSimpleName() : text);
        String n = name.orElse("");
        if (n.endsWith("AccessDenied")) {
            return "no permission to use BlueZ on the system bus (" + message + "); run needleguard as a user in the "
                    + "'bluetooth' group (sudo usermod -aG bluetooth $USER, then log in again); the Debian package's "
                    + "user has it";
        }
        if (n.endsWith("ServiceUnknown") || n.endsWith("NameHasNoOwner")) {
            return "BlueZ is not running, or has no Bluetooth adapter (" + message + "); start it with "
                    + "'sudo systemctl start bluetooth' and check 'bluetoothctl list'";
        }
        if (n.endsWith("NotReady") || text.equals("Resource Not Ready")) {
            return "the Bluetooth adapter is not ready (" + message + "); power it on: bluetoothctl power on";
        }
        if (n.endsWith("NoReply") || n.endsWith("Timeout")) {
            return "BlueZ did not answer (" + message + ")";
        }
        return message;
    }

    /** Whether BlueZ refused a call because the thing is already done (paired, connected). */
    static boolean alreadyDone(Throwable problem) {
        String n = errorName(problem);
        return n.endsWith("AlreadyExists")
                || n.endsWith("AlreadyConnected")
                || ALREADY_DONE.contains(String.valueOf(problem.getMessage()));
    }
}
