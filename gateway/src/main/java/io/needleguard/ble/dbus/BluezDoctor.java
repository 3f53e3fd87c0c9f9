package io.needleguard.ble.dbus;

import io.needleguard.ble.BleCheck;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code needleguard doctor}'s look at BlueZ, over D-Bus whichever backend will run (TinyB talks to the
 * same BlueZ on the same bus): the system bus, BlueZ and its version, permission to talk to it, the
 * adapter and its power. A check that cannot be made because an earlier one failed is left out, so the
 * first failure is the one to fix.
 */
final class BluezDoctor {

    /** BlueZ writes its own version into the adapter's modalias: usb:v1D6Bp0246d0542 is BlueZ 5.66. */
    private static final Pattern MODALIAS = Pattern.compile("usb:v1D6Bp0246d([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})");

    private BluezDoctor() {}

    static List<BleCheck> diagnose(String adapterName) {
        return diagnose(
                adapterName,
                Optional.ofNullable(System.getenv("DBUS_SYSTEM_BUS_ADDRESS"))
                        .orElse("unix:path=/run/dbus/system_bus_socket"));
    }

    /** @param address the system bus's address, as D-Bus will connect to it */
    static List<BleCheck> diagnose(String adapterName, String address) {
        List<BleCheck> checks = new ArrayList<>();
        Optional<Path> socket = socket(address);
        if (socket.isPresent() && !Files.exists(socket.get())) {
            // Said at once: dbus-java tries a missing socket for about 10 seconds before it gives up.
            checks.add(
                    BleCheck.failed(
                            "system bus",
                            "no system bus: " + socket.get() + " does not exist (" + address + ")",
                            "start D-Bus (sudo systemctl start dbus), or unset DBUS_SYSTEM_BUS_ADDRESS if it points elsewhere"));
            return checks;
        }
        try (BlockingCalls calls = new BlockingCalls("bluez-dbus", 1, DbusProblems::describe)) {
            BluezObjects bluez;
            try {
                bluez = BluezObjects.connect(calls);
            } catch (BleException e) {
                checks.add(
                        BleCheck.failed(
                                "system bus",
                                "cannot connect to " + address + " (" + rootMessage(e) + ")",
                                "start D-Bus (sudo systemctl start dbus), or unset DBUS_SYSTEM_BUS_ADDRESS if it points elsewhere"));
                return checks;
            }
            try (bluez) {
                checks.add(BleCheck.ok("system bus", address));
                diagnose(bluez, adapterName, checks);
            }
        }
        return checks;
    }

    private static void diagnose(BluezObjects bluez, String adapterName, List<BleCheck> checks) {
        try {
            if (bluez.nameOwner().isEmpty()) {
                checks.add(BleCheck.failed(
                        "bluez",
                        "BlueZ is not running: no org.bluez on the system bus",
                        "sudo apt-get install bluez && sudo systemctl enable --now bluetooth"));
                return;
            }
        } catch (BleException e) {
            checks.add(BleCheck.failed(
                    "bluez", "cannot ask the system bus for BlueZ (" + e.getMessage() + ")", "check that D-Bus runs"));
            return;
        }
        try {
            bluez.refresh();
        } catch (BleException e) {
            checks.add(BleCheck.ok("bluez", "running (its version is in its objects, which could not be read)"));
            boolean denied =
                    e.getCause() != null && DbusProblems.errorName(e.getCause()).endsWith("AccessDenied");
            checks.add(BleCheck.failed(
                    "bus permission",
                    denied
                            ? "the system bus does not let user " + System.getProperty("user.name") + " talk to BlueZ ("
                                    + rootMessage(e) + ")"
                            : "BlueZ's objects cannot be read (" + e.getMessage() + ")",
                    denied
                            ? "run needleguard as the package's user (sudo -u needleguard needleguard ...), whom "
                                    + "/usr/share/dbus-1/system.d/needleguard.conf lets talk to BlueZ, or add your user "
                                    + "to the 'bluetooth' group: sudo usermod -aG bluetooth $USER, then log in again"
                            : "sudo systemctl restart bluetooth"));
            return;
        }
        Map<String, Map<String, Object>> adapters = bluez.all(BluezApi.ADAPTER);
        checks.add(BleCheck.ok("bluez", "running, " + version(adapters)));
        checks.add(BleCheck.ok(
                "bus permission", "user " + System.getProperty("user.name") + " may talk to BlueZ on the system bus"));
        Map<String, Object> adapter = adapters.get("/org/bluez/" + adapterName);
        if (adapter == null) {
            checks.add(BleCheck.failed(
                    "adapter",
                    "no Bluetooth adapter " + adapterName + " (BlueZ sees " + DbusBackend.adapterNames(bluez) + ")",
                    "plug one in or enable the built-in one (bluetoothctl list; rfkill list); or set ble.options.adapter"
                            + " to one BlueZ sees"));
            return;
        }
        String name = adapterName + " (" + adapter.getOrDefault("Address", "no address") + ")";
        if (!Boolean.TRUE.equals(adapter.get("Powered"))) {
            checks.add(BleCheck.failed(
                    "adapter",
                    name + " is powered off",
                    "bluetoothctl power on (and rfkill unblock bluetooth if it will not)"));
            return;
        }
        checks.add(BleCheck.ok("adapter", name + ", powered"));
    }

    /** The socket file of a {@code unix:path=...} address; empty for any other kind (abstract, tcp). */
    static Optional<Path> socket(String address) {
        for (String part : address.split(";")) {
            if (part.startsWith("unix:")) {
                for (String key : part.substring("unix:".length()).split(",")) {
                    if (key.startsWith("path=")) {
                        return Optional.of(Path.of(key.substring("path=".length())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** BlueZ's version as its adapters' modalias tells it. */
    static String version(Map<String, Map<String, Object>> adapters) {
        for (Map<String, Object> adapter : adapters.values()) {
            Object modalias = adapter.get("Modalias");
            Matcher m = modalias == null ? null : MODALIAS.matcher(modalias.toString());
            if (m != null && m.matches()) {
                return "version " + Integer.parseInt(m.group(1), 16) + "." + Integer.parseInt(m.group(2), 16);
            }
        }
        return "version unknown (no adapter tells it)";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
