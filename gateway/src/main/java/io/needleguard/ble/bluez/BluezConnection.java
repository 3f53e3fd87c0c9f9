package io.needleguard.ble.bluez;

import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GATT connection through BlueZ, whatever library speaks to it: the characteristics the pen's
 * services resolved to, and the link's life (lost once, whoever drops it; closing never throws). A
 * backend's connection adds its library's read, write, subscribe and disconnect.
 *
 * @param <C> how the library names a characteristic (TinyB's object, a D-Bus object path)
 */
public abstract class BluezConnection<C> implements BleConnection {

    private static final Logger log = LoggerFactory.getLogger(BluezConnection.class);

    private final String address;
    /** Characteristics by service and characteristic UUID, lower case as BlueZ writes them. */
    private final Map<String, Map<String, C>> characteristics;

    protected final BlockingCalls calls;
    protected final Duration timeout;
    private final List<Runnable> onDisconnect = new CopyOnWriteArrayList<>();
    private final AtomicBoolean disconnected = new AtomicBoolean();

    protected BluezConnection(
            String address, Map<String, Map<String, C>> characteristics, BlockingCalls calls, Duration timeout) {
        this.address = address;
        this.characteristics = characteristics;
        this.calls = calls;
        this.timeout = timeout;
    }

    /** UUIDs as BlueZ writes them, the keys of a connection's characteristics. */
    public static String key(String uuid) {
        return uuid.toLowerCase(Locale.ROOT);
    }

    @Override
    public final String address() {
        return address;
    }

    @Override
    public final boolean isConnected() {
        return !disconnected.get();
    }

    /** The characteristic the pen resolved for these UUIDs; a pen without it is told apart from a failed call. */
    protected final C characteristic(UUID service, UUID characteristic) throws BleException {
        Map<String, C> inService = characteristics.get(key(service.toString()));
        C found = inService == null ? null : inService.get(key(characteristic.toString()));
        if (found == null) {
            throw new BleException(address + " has no characteristic " + characteristic + " in service " + service
                    + "; is it a needleguard pen?");
        }
        return found;
    }

    @Override
    public final void onDisconnect(Runnable callback) {
        onDisconnect.add(callback);
    }

    /** The link is gone (the pen left, the adapter went off, BlueZ restarted): say so once. */
    public final void lost() {
        if (disconnected.compareAndSet(false, true)) {
            onDisconnect.forEach(Runnable::run);
        }
    }

    /** Asks BlueZ to end the link; called by {@link #close()} while the link is up. */
    protected abstract void disconnect() throws BleException;

    @Override
    public final void close() {
        if (disconnected.get()) {
            return;
        }
        try {
            disconnect();
        } catch (BleException e) {
            log.debug("disconnecting {}: {}", address, e.getMessage());
        }
        lost();
    }
}
