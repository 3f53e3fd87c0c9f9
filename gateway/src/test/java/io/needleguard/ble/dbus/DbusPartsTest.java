package io.needleguard.ble.dbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.errors.AccessDenied;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.junit.jupiter.api.Test;

/** The D-Bus adapter's pure parts: BlueZ's version, error messages, property values. */
class DbusPartsTest {

    @Test
    void bluezsVersionIsReadFromTheAdaptersModalias() {
        assertEquals(
                "version 5.66",
                BluezDoctor.version(Map.of("/org/bluez/hci0", Map.of("Modalias", "usb:v1D6Bp0246d0542"))));
        assertEquals(
                "version 5.64",
                BluezDoctor.version(Map.of("/org/bluez/hci0", Map.of("Modalias", "usb:v1D6Bp0246d0540"))));
        assertEquals(
                "version unknown (no adapter tells it)",
                BluezDoctor.version(Map.of("/org/bluez/hci0", Map.of("Modalias", "usb:v0A12p0001d0000"))));
        assertEquals("version unknown (no adapter tells it)", BluezDoctor.version(Map.of()));
    }

    /** As dbus-java hands over BlueZ's errors where no class of their name exists: the message alone. */
    private static DBusExecutionException bluez(String message) {
        return new DBusExecutionException(message);
    }

    @Test
    void bluezsErrorsSayWhatToDo() {
        String denied = DbusProblems.describe(new AccessDenied("Rejected send message"));
        assertTrue(
                denied.startsWith(
                        "no permission to use BlueZ on the system bus (org.freedesktop.DBus.Error.AccessDenied:"
                                + " Rejected send message)"),
                denied);
        assertTrue(denied.contains("sudo usermod -aG bluetooth $USER"), denied);

        String gone = DbusProblems.describe(new ServiceUnknown("The name org.bluez was not provided"));
        assertTrue(gone.contains("sudo systemctl start bluetooth"), gone);

        String off = DbusProblems.describe(bluez("Resource Not Ready"));
        assertEquals(
                "the Bluetooth adapter is not ready (Resource Not Ready); power it on: bluetoothctl power on", off);

        assertEquals("le-connection-abort-by-local", DbusProblems.describe(bluez("le-connection-abort-by-local")));
        assertTrue(DbusProblems.alreadyDone(bluez("Already Exists")));
        assertFalse(DbusProblems.alreadyDone(bluez("Page Timeout")));
    }

    @Test
    void propertyValuesAreTakenAsBluezTypesThem() {
        assertArrayEquals(new byte[] {1, 2}, BluezValues.bytes(List.of((byte) 1, (byte) 2)));
        assertArrayEquals(new byte[] {3}, BluezValues.bytes(new byte[] {3}));
        assertNull(BluezValues.bytes(List.of("not", "bytes")));
        UUID pen = UUID.fromString("4e47a000-5d3c-4c8e-8f5a-6e6565646c65");
        assertEquals(Set.of(pen), io.needleguard.ble.bluez.BluezBackend.uuids(List.of(pen.toString(), "not-a-uuid")));
        assertEquals(Set.of(), io.needleguard.ble.bluez.BluezBackend.uuids(null));
        assertEquals("/org/bluez/hci0", DbusBackend.path(new DBusPath("/org/bluez/hci0")));
    }
}
