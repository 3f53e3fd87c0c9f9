package io.needleguard.sim.bluez;

import static io.needleguard.sim.bluez.BluezTypes.b;
import static io.needleguard.sim.bluez.BluezTypes.n;
import static io.needleguard.sim.bluez.BluezTypes.o;
import static io.needleguard.sim.bluez.BluezTypes.q;
import static io.needleguard.sim.bluez.BluezTypes.s;
import static io.needleguard.sim.bluez.BluezTypes.u;

import io.needleguard.profile.PenProfile;
import io.needleguard.sim.pen.GattError;
import io.needleguard.sim.pen.PenCentral;
import io.needleguard.sim.pen.SimulatedPen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code org.bluez.Device1} for one simulated pen. Connecting attaches BlueZ (as the central) to the
 * pen and resolves its services, which then appear as objects below the device; disconnecting, or the
 * pen leaving, removes them again, as BlueZ does for a device it has not bonded with.
 */
final class FakeDevice extends BluezObject implements Device1, PenCentral {

    static final String IFACE = "org.bluez.Device1";
    /** Advertised signal strength of a pen in the same room. */
    static final int RSSI = -58;

    private final SimulatedPen pen;
    private final ObjectTree tree;
    private final List<FakeService> services = new ArrayList<>();
    private final List<FakeCharacteristic> characteristics = new ArrayList<>();

    FakeDevice(String adapterPath, SimulatedPen pen, ObjectTree tree) {
        super(adapterPath + "/dev_" + pen.address().replace(':', '_'), tree);
        this.pen = pen;
        this.tree = tree;
        String name = pen.advertisedName();
        define(IFACE, "Address", s(pen.address()));
        define(IFACE, "AddressType", s("random"));
        define(IFACE, "Name", s(name));
        define(IFACE, "Alias", s(name));
        define(IFACE, "Class", u(0));
        define(IFACE, "Appearance", q(0));
        define(IFACE, "Icon", s(""));
        define(IFACE, "Paired", b(false));
        define(IFACE, "Trusted", b(false));
        define(IFACE, "Blocked", b(false));
        define(IFACE, "LegacyPairing", b(false));
        define(IFACE, "RSSI", n(RSSI));
        define(IFACE, "TxPower", n(0));
        define(IFACE, "Connected", b(false));
        define(
                IFACE,
                "UUIDs",
                BluezTypes.as(List.of(
                        PenProfile.SERVICE.toString(),
                        PenProfile.DEVICE_INFORMATION.toString(),
                        PenProfile.BATTERY_SERVICE.toString())));
        define(IFACE, "Modalias", s(""));
        define(IFACE, "Adapter", o(adapterPath));
        // 0xFFFF: the Bluetooth SIG's id for tests and development, carrying the advertised name.
        define(
                IFACE,
                "ManufacturerData",
                BluezTypes.manufacturerData(0xFFFF, name.getBytes(StandardCharsets.US_ASCII)));
        define(IFACE, "ServiceData", BluezTypes.emptyServiceData());
        define(IFACE, "ServicesResolved", b(false));
    }

    SimulatedPen pen() {
        return pen;
    }

    boolean paired() {
        return flag(IFACE, "Paired");
    }

    boolean connected() {
        return flag(IFACE, "Connected");
    }

    /** Heard advertising again. */
    void heard() {
        change(IFACE, "RSSI", n(RSSI));
    }

    /** No longer heard: BlueZ forgets the signal strength of a device it keeps. */
    void silent() {
        invalidate(IFACE, "RSSI");
    }

    @Override
    public synchronized void Connect() {
        if (!tree.adapterPowered()) {
            throw new org.bluez.Error.NotReady("Resource Not Ready");
        }
        if (connected()) {
            return;
        }
        try {
            pen.attach(this);
        } catch (GattError e) {
            throw new org.bluez.Error.Failed("le-connection-abort-by-local");
        }
        resolveServices();
        change(IFACE, "Connected", b(true));
        change(IFACE, "ServicesResolved", b(true));
    }

    private void resolveServices() {
        int handle = 0x000a;
        for (PenGattTable.Service table : PenGattTable.SERVICES) {
            String servicePath = getObjectPath() + String.format("/service%04x", handle);
            FakeService service = new FakeService(servicePath, getObjectPath(), table.uuid(), tree);
            services.add(service);
            tree.add(service);
            for (PenGattTable.Characteristic c : table.characteristics()) {
                handle += 2;
                FakeCharacteristic characteristic = new FakeCharacteristic(
                        servicePath + String.format("/char%04x", handle), servicePath, pen, table.uuid(), c, tree);
                characteristics.add(characteristic);
                tree.add(characteristic);
            }
            handle += 0x10;
        }
    }

    @Override
    public void Disconnect() {
        pen.detach();
        linkLost();
    }

    /** The link is gone, whoever ended it: not connected, services gone. */
    synchronized void linkLost() {
        if (!connected()) {
            return;
        }
        change(IFACE, Map.of("ServicesResolved", b(false)));
        change(IFACE, Map.of("Connected", b(false)));
        characteristics.forEach(tree::remove);
        services.forEach(tree::remove);
        characteristics.clear();
        services.clear();
    }

    @Override
    public void ConnectProfile(String uuid) {
        throw new org.bluez.Error.NotSupported("the simulated BlueZ connects LE devices with Connect");
    }

    @Override
    public void DisconnectProfile(String uuid) {
        throw new org.bluez.Error.NotSupported("the simulated BlueZ connects LE devices with Connect");
    }

    @Override
    public void Pair() {
        if (!tree.adapterPowered()) {
            throw new org.bluez.Error.NotReady("Resource Not Ready");
        }
        if (!pen.inRange()) {
            throw new org.bluez.Error.Failed("Page Timeout");
        }
        if (paired()) {
            throw new org.bluez.Error.AlreadyExists("Already Exists");
        }
        change(IFACE, Map.of("Paired", b(true)));
    }

    @Override
    public void CancelPairing() {
        throw new org.bluez.Error.DoesNotExist("Does Not Exist");
    }

    // ---- the pen's side (PenCentral): BlueZ is the central the pen is attached to --------------------

    @Override
    public void notify(UUID service, UUID characteristic, byte[] value) {
        FakeCharacteristic target;
        synchronized (this) {
            target = characteristics.stream()
                    .filter(c -> c.uuid().equals(characteristic))
                    .findFirst()
                    .orElse(null);
        }
        if (target != null) {
            target.notified(value);
        }
    }

    @Override
    public void disconnected() {
        linkLost();
    }

    /** The objects below this device, for GetManagedObjects. */
    synchronized List<BluezObject> children() {
        List<BluezObject> children = new ArrayList<>(services);
        children.addAll(characteristics);
        return children;
    }
}
