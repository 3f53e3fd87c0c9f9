package io.needleguard.sim.ble;

import io.needleguard.ble.Advertisement;
import io.needleguard.profile.PenProfile;
import io.needleguard.sim.pen.SimulatedPen;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The radio space simulated pens share with the gateway: which pens exist, which are in range, and
 * who is scanning. Advertisements are delivered on the caller's thread.
 */
public final class SimAir {

    private static final int RSSI = -58;

    private final Map<String, SimulatedPen> pensByAddress = new ConcurrentHashMap<>();
    private final List<Consumer<Advertisement>> scanners = new CopyOnWriteArrayList<>();
    private final List<Radio> radios = new CopyOnWriteArrayList<>();

    /**
     * Something that carries the pens' radio to a gateway other than through {@link SimBleBackend}:
     * the simulated BlueZ, which shows pens in range as devices and removes the ones that leave.
     */
    public interface Radio {
        void inRange(SimulatedPen pen);

        void outOfRange(SimulatedPen pen);
    }

    /** Tells {@code radio} about every pen in range now, and about every change from now on. */
    public void watch(Radio radio) {
        radios.add(radio);
        pensByAddress.values().stream().filter(SimulatedPen::inRange).forEach(radio::inRange);
    }

    public void unwatch(Radio radio) {
        radios.remove(radio);
    }

    public void add(SimulatedPen pen) {
        pensByAddress.put(pen.address(), pen);
        if (pen.inRange()) {
            radios.forEach(r -> r.inRange(pen));
        }
        advertise(pen);
    }

    /** A device is switched off for good (a rogue device leaves). */
    public void remove(SimulatedPen pen) {
        setInRange(pen, false);
        pensByAddress.remove(pen.address(), pen);
    }

    public Optional<SimulatedPen> pen(String address) {
        return Optional.ofNullable(pensByAddress.get(address));
    }

    public List<SimulatedPen> pens() {
        return List.copyOf(pensByAddress.values());
    }

    /** Moves a pen in or out of range; a pen coming back advertises at once. */
    public void setInRange(SimulatedPen pen, boolean inRange) {
        pen.setInRange(inRange);
        changed(pen);
    }

    /** The battery of a pen runs flat: it disconnects and falls silent until charged. */
    public void batteryDies(SimulatedPen pen) {
        pen.batteryDies();
        changed(pen);
    }

    public void charge(SimulatedPen pen) {
        pen.charge();
        changed(pen);
    }

    private void changed(SimulatedPen pen) {
        if (pen.inRange()) {
            radios.forEach(r -> r.inRange(pen));
            advertise(pen);
        } else {
            radios.forEach(r -> r.outOfRange(pen));
        }
    }

    /**
     * Every pen in range and not connected advertises again, as real pens do every few hundred
     * milliseconds; a gateway that failed to connect gets another chance.
     */
    public void advertiseAll() {
        pensByAddress.values().forEach(this::advertise);
    }

    void addScanner(Consumer<Advertisement> scanner) {
        scanners.add(scanner);
        advertiseAll();
    }

    void removeScanner(Consumer<Advertisement> scanner) {
        scanners.remove(scanner);
    }

    private void advertise(SimulatedPen pen) {
        if (!pen.inRange() || pen.connected()) {
            return;
        }
        Advertisement advertisement =
                new Advertisement(pen.address(), pen.advertisedName(), RSSI, Set.of(PenProfile.SERVICE));
        scanners.forEach(scanner -> scanner.accept(advertisement));
    }
}
