package io.needleguard.ble.dbus;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** What a D-Bus or BlueZ error means for a user, with what to do. */
final class DbusProblems {

    private DbusProblems() {}

    /** The D-Bus error name of a failed call ({@code org.bluez.Error.NotReady}), or the exception's own name. */
    static String errorName(Throwable problem) {
        String type = problem instanceof DBusExecutionException e ? e.getType() : null;
        if (type != null && !type.isBlank()) {
            return type;
        }
        // dbus-java raises a class named after the error when one is on the class path (org.bluez.Error$Failed).
        return problem.getClass().getName().replace('$', '.');
    }

    static String describe(Throwable problem) {
        String name = errorName(problem);
        String message = problem.getMessage() == null ? name : name + ": " + problem.getMessage();
        if (name.endsWith("AccessDenied") || name.endsWith("NotPermitted") && message.contains("policy")) {
            return "no permission to use BlueZ on the system bus (" + message + "); run needleguard as a user in the "
                    + "'bluetooth' group (sudo usermod -aG bluetooth $USER, then log in again); the Debian package's "
                    + "user has it";
        }
        if (name.endsWith("ServiceUnknown") || name.endsWith("NameHasNoOwner")) {
            return "BlueZ is not running, or has no Bluetooth adapter (" + message + "); start it with "
                    + "'sudo systemctl start bluetooth' and check 'bluetoothctl list'";
        }
        if (name.endsWith("NotReady")) {
            return "the Bluetooth adapter is not ready (" + message + "); power it on: bluetoothctl power on";
        }
        if (name.endsWith("NoReply") || name.endsWith("Timeout")) {
            return "BlueZ did not answer (" + message + ")";
        }
        return message;
    }

    /** Whether BlueZ refused a call because the thing is already done (paired, connected). */
    static boolean alreadyDone(Throwable problem) {
        String name = errorName(problem);
        return name.endsWith("AlreadyExists") || name.endsWith("AlreadyConnected");
    }
}
