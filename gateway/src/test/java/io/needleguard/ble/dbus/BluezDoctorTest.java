package io.needleguard.ble.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.ble.BleCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a system bus, doctor says so at once: the socket is not there. (Connecting to a missing socket,
 * D-Bus tried for about 10 seconds before it gave up.)
 */
class BluezDoctorTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSystemBusSocketIsSaidWithoutTryingToConnect() {
        Path socket = dir.resolve("system_bus_socket");
        List<BleCheck> checks = BluezDoctor.diagnose("hci0", "unix:path=" + socket);
        assertEquals(1, checks.size(), checks.toString());
        assertEquals("system bus", checks.get(0).name());
        assertEquals(
                "no system bus: " + socket + " does not exist (unix:path=" + socket + ")",
                checks.get(0).detail());
    }

    @Test
    void theSocketIsReadFromTheAddress() {
        assertEquals(
                Optional.of(Path.of("/run/dbus/system_bus_socket")),
                BluezDoctor.socket("unix:path=/run/dbus/system_bus_socket"));
        assertEquals(Optional.of(Path.of("/tmp/b")), BluezDoctor.socket("unix:path=/tmp/b,guid=1234"));
        assertEquals(Optional.empty(), BluezDoctor.socket("unix:abstract=/tmp/dbus-x"));
        assertEquals(Optional.empty(), BluezDoctor.socket("tcp:host=localhost,port=1234"));
    }
}
