package io.needleguard.ble.tinyb;

/** What a TinyB or BlueZ error means for a user, with what to do. */
final class TinybProblems {

    private TinybProblems() {}

    static String describe(Throwable problem) {
        String message = problem.getMessage() == null ? problem.getClass().getSimpleName() : problem.getMessage();
        if (message.contains("Could not connect") || message.contains("object manager client")) {
            return "cannot reach the system D-Bus (" + message + "); is D-Bus running? "
                    + (System.getenv("DBUS_SYSTEM_BUS_ADDRESS") == null
                            ? ""
                            : "DBUS_SYSTEM_BUS_ADDRESS is " + System.getenv("DBUS_SYSTEM_BUS_ADDRESS"));
        }
        if (message.contains("No adapter installed")
                || message.contains("ServiceUnknown")
                || message.contains("was not provided by any .service files")) {
            return "BlueZ is not running, or has no Bluetooth adapter (" + message + "); start it with "
                    + "'sudo systemctl start bluetooth' and check 'bluetoothctl list'";
        }
        if (message.contains("AccessDenied") || message.contains("not allowed") || message.contains("NotPermitted")) {
            return "no permission to use BlueZ on the system bus (" + message + "); run needleguard as a user in the "
                    + "'bluetooth' group: sudo usermod -aG bluetooth $USER, then log in again";
        }
        if (message.contains("NotReady")
                || message.contains("Not Powered")
                || message.contains("org.bluez.Error.NotReady")) {
            return "the Bluetooth adapter is not ready (" + message + "); power it on: bluetoothctl power on";
        }
        return message;
    }
}
