package io.needleguard.dashboard;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/** A Bluetooth backend with no pen in range: for a gateway whose history is all a test looks at. */
final class NoPens implements BleBackend {

    @Override
    public String name() {
        return "no pens";
    }

    @Override
    public void startScan(UUID service, Consumer<Advertisement> onDevice) {}

    @Override
    public void stopScan() {}

    @Override
    public BleConnection connect(String address, Duration timeout) throws BleException {
        throw new BleException("no pen at " + address);
    }

    @Override
    public void close() {}
}
