package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * BlueZ's D-Bus error names, for the simulated BlueZ. dbus-java names an error reply after the
 * exception's class ({@code org.bluez.Error$Failed} becomes {@code org.bluez.Error.Failed}), so the
 * classes must live here for TinyB to see the same errors a real bluetoothd sends.
 */
@SuppressWarnings("JavaLangClash") // the name is BlueZ's, and TinyB matches it
public final class Error {

    private Error() {}

    public static final class Failed extends DBusExecutionException {
        public Failed(String message) {
            super(message);
        }
    }

    public static final class NotReady extends DBusExecutionException {
        public NotReady(String message) {
            super(message);
        }
    }

    public static final class NotConnected extends DBusExecutionException {
        public NotConnected(String message) {
            super(message);
        }
    }

    public static final class NotPermitted extends DBusExecutionException {
        public NotPermitted(String message) {
            super(message);
        }
    }

    public static final class NotSupported extends DBusExecutionException {
        public NotSupported(String message) {
            super(message);
        }
    }

    public static final class InvalidArguments extends DBusExecutionException {
        public InvalidArguments(String message) {
            super(message);
        }
    }

    public static final class AlreadyExists extends DBusExecutionException {
        public AlreadyExists(String message) {
            super(message);
        }
    }

    public static final class DoesNotExist extends DBusExecutionException {
        public DoesNotExist(String message) {
            super(message);
        }
    }
}
