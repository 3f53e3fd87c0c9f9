package io.needleguard.sim.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.profile.PenProfile;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.pen.SimulatedPen;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/**
 * The simulated BlueZ as any D-Bus client sees it (here dbus-java, not TinyB): BlueZ's exact property
 * types, since GDBus silently drops a property of another type and TinyB then reads 0.
 */
class FakeBluezTypesTest {

    @Test
    void adapterAndDeviceCarryBluezsExactTypes() throws Exception {
        BluezTestSupport.assumeReady("dbus");
        SimAir air = new SimAir();
        SimulatedPen pen = new SimulatedPen("SIM-0001", "sim-a1", Clock.systemUTC());
        air.add(pen);
        try (FakeBluez bluez = FakeBluez.start(BluezTransport.privateBus().address(), air);
                DBusConnection client = DBusConnectionBuilder.forAddress(bluez.busAddress())
                        .withShared(false)
                        .build()) {
            ObjectManager root = client.getRemoteObject(FakeBluez.BUS_NAME, "/", ObjectManager.class);
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = root.GetManagedObjects();

            Map<String, Variant<?>> adapter =
                    objects.get(new DBusPath("/org/bluez/hci0")).get("org.bluez.Adapter1");
            assertEquals(
                    Map.of(
                            "Address",
                            "s",
                            "Name",
                            "s",
                            "Alias",
                            "s",
                            "Class",
                            "u",
                            "Powered",
                            "b",
                            "Discoverable",
                            "b",
                            "DiscoverableTimeout",
                            "u",
                            "Pairable",
                            "b",
                            "PairableTimeout",
                            "u",
                            "Discovering",
                            "b"),
                    signatures(
                            adapter,
                            "Address",
                            "Name",
                            "Alias",
                            "Class",
                            "Powered",
                            "Discoverable",
                            "DiscoverableTimeout",
                            "Pairable",
                            "PairableTimeout",
                            "Discovering"));
            assertEquals("as", adapter.get("UUIDs").getSig());

            String path = "/org/bluez/hci0/dev_" + pen.address().replace(':', '_');
            Map<String, Variant<?>> device = objects.get(new DBusPath(path)).get("org.bluez.Device1");
            Map<String, String> expected = new TreeMap<>(Map.of(
                    "Address",
                    "s",
                    "Name",
                    "s",
                    "Alias",
                    "s",
                    "Class",
                    "u",
                    "Appearance",
                    "q",
                    "Icon",
                    "s",
                    "Paired",
                    "b",
                    "Trusted",
                    "b",
                    "Blocked",
                    "b",
                    "LegacyPairing",
                    "b"));
            expected.putAll(Map.of(
                    "RSSI",
                    "n",
                    "TxPower",
                    "n",
                    "Connected",
                    "b",
                    "UUIDs",
                    "as",
                    "Modalias",
                    "s",
                    "Adapter",
                    "o",
                    "ManufacturerData",
                    "a{qv}",
                    "ServiceData",
                    "a{sv}",
                    "ServicesResolved",
                    "b"));
            assertEquals(
                    expected, new TreeMap<>(signatures(device, expected.keySet().toArray(String[]::new))));
            assertEquals(-58, ((Number) device.get("RSSI").getValue()).intValue());
            assertEquals("SIM-0001", device.get("Name").getValue());
            assertTrue(
                    device.get("UUIDs").getValue().toString().contains(PenProfile.SERVICE.toString()),
                    device.get("UUIDs").toString());
        }
    }

    private static Map<String, String> signatures(Map<String, Variant<?>> properties, String... names) {
        Map<String, String> signatures = new TreeMap<>();
        for (String name : names) {
            Variant<?> value = properties.get(name);
            signatures.put(name, value == null ? "(missing)" : value.getSig());
        }
        return signatures;
    }
}
