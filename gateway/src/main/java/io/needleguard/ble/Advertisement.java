package io.needleguard.ble;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A device seen while scanning.
 *
 * @param address the Bluetooth address, {@code AA:BB:CC:DD:EE:FF}
 * @param name    the advertised local name; a needleguard pen advertises its serial here
 * @param rssi    signal strength in dBm
 */
public record Advertisement(String address, String name, int rssi, Set<UUID> services) {

    public Advertisement {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        services = Set.copyOf(services);
    }
}
