package io.needleguard.ble.tinyb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BleOptionsException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TinyB adapter's parts that need no natives and no BlueZ: platforms, messages, options. */
class TinybPartsTest {

    @Test
    void theNativesForEachPlatformTheArtifactCovers() throws BleException {
        assertEquals("native/linux/x86_64", TinybNatives.platformDirectory("Linux", "amd64"));
        assertEquals("native/linux/x86_64", TinybNatives.platformDirectory("Linux", "x86_64"));
        assertEquals("native/linux/x86_32", TinybNatives.platformDirectory("Linux", "i686"));
        assertEquals("native/arm/armv6", TinybNatives.platformDirectory("Linux", "arm"));
        assertEquals("native/arm/armv6", TinybNatives.platformDirectory("Linux", "armv7l"));
    }

    @Test
    void anUncoveredPlatformIsNamedWithWhatToDo() {
        BleException arm64 = assertThrows(BleException.class, () -> TinybNatives.platformDirectory("Linux", "aarch64"));
        assertTrue(arm64.getMessage().contains("linux/aarch64"), arm64.getMessage());
        assertTrue(arm64.getMessage().contains("ble.backend: dbus"), arm64.getMessage());
        BleException mac =
                assertThrows(BleException.class, () -> TinybNatives.platformDirectory("Mac OS X", "aarch64"));
        assertTrue(
                mac.getMessage().contains("only on Linux") && mac.getMessage().contains("Mac OS X"), mac.getMessage());
        assertTrue(mac.getMessage().contains("ble.backend: sim"), mac.getMessage());
    }

    @Test
    void theNativesAreCachedPerUser() {
        assertEquals(Path.of("/home/ann/.cache/needleguard/tinyb"), TinybNatives.cacheDirectory(Map.of(), "/home/ann"));
        assertEquals(
                Path.of("/var/cache/ann/needleguard/tinyb"),
                TinybNatives.cacheDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/ann"), "/home/ann"));
        assertEquals(
                Path.of("/home/ann/.cache/needleguard/tinyb"),
                TinybNatives.cacheDirectory(Map.of("XDG_CACHE_HOME", "relative/path"), "/home/ann"),
                "a relative XDG path is ignored");
    }

    @Test
    void bluezProblemsComeWithTheirFix() {
        assertTrue(TinybProblems.describe(new RuntimeException("No adapter installed or not recognized by system"))
                .contains("sudo systemctl start bluetooth"));
        assertTrue(TinybProblems.describe(
                        new RuntimeException("GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send"))
                .contains("sudo usermod -aG bluetooth $USER"));
        assertTrue(TinybProblems.describe(
                        new RuntimeException("Error getting object manager client: Could not connect: No such file"))
                .contains("cannot reach the system D-Bus"));
        assertTrue(
                TinybProblems.describe(new RuntimeException("GDBus.Error:org.bluez.Error.NotReady: Resource Not Ready"))
                        .contains("bluetoothctl power on"));
        assertEquals(
                "GDBus.Error:org.bluez.Error.Failed: le-connection-abort-by-local",
                TinybProblems.describe(
                        new RuntimeException("GDBus.Error:org.bluez.Error.Failed: le-connection-abort-by-local")));
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatItTakes() {
        TinybBackendProvider provider = new TinybBackendProvider();
        Clock clock = Clock.systemUTC();
        BleOptionsException unknown =
                assertThrows(BleOptionsException.class, () -> provider.open(clock, Map.of("adaptor", "hci0")));
        assertTrue(
                unknown.getMessage().startsWith("ble.options.adaptor: not an option of the tinyb backend"),
                unknown.getMessage());
        BleOptionsException adapter =
                assertThrows(BleOptionsException.class, () -> provider.open(clock, Map.of("adapter", "usb0")));
        assertTrue(adapter.getMessage().contains("'usb0' is not an adapter name"), adapter.getMessage());
        BleOptionsException giveUp = assertThrows(
                BleOptionsException.class, () -> provider.open(clock, Map.of("bluez-gone-exit-seconds", "soon")));
        assertTrue(giveUp.getMessage().startsWith("ble.options.bluez-gone-exit-seconds: 'soon'"), giveUp.getMessage());
        assertThrows(BleOptionsException.class, () -> provider.open(clock, Map.of("bluez-gone-exit-seconds", "0")));
    }
}
