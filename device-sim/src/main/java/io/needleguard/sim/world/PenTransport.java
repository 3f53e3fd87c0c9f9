package io.needleguard.sim.world;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.ble.SimBleBackend;
import java.time.Clock;

/**
 * How a simulation's gateway reaches the simulated pens: through the in-process BLE backend, or
 * through a simulated BlueZ and the real TinyB adapter. Either way the gateway sees only its BLE port.
 */
public interface PenTransport {

    /** Opens the gateway's BLE port onto the pens in {@code air}; closing it closes whatever this opened. */
    BleBackend open(SimAir air, Clock clock) throws BleException;

    /** The in-process backend: no Bluetooth, no D-Bus. */
    PenTransport IN_PROCESS = (air, clock) -> new SimBleBackend(air);
}
