package io.needleguard.sim.bluez;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleBackendProvider;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.sim.ble.SimAir;
import io.needleguard.sim.world.PenTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * Simulated pens reached the way real ones are: a simulated BlueZ on this process's private bus, and
 * the gateway's TinyB adapter talking to it over D-Bus.
 *
 * <p>TinyB (GLib) reads {@code DBUS_SYSTEM_BUS_ADDRESS} once, when the process first uses it, and Java
 * cannot set environment variables: the process must be started with {@code DBUS_SYSTEM_BUS_ADDRESS}
 * pointing at the socket named by {@code NEEDLEGUARD_PRIVATE_BUS}, where the first use starts the bus.
 * {@code demo --ble bluez-sim} restarts itself that way ({@link PrivateBusProcess}); the build's tests
 * get both variables from Surefire.
 */
public final class BluezTransport implements PenTransport {

    /** The socket path of this process's private bus. */
    public static final String PRIVATE_BUS_ENV = "NEEDLEGUARD_PRIVATE_BUS";

    public static final String SYSTEM_BUS_ENV = "DBUS_SYSTEM_BUS_ADDRESS";

    private static PrivateBus bus;

    /** Whether this process was started to use a private bus (both variables set and in agreement). */
    public static boolean privateBusConfigured() {
        return configuredSocket().isPresent();
    }

    private static Optional<Path> configuredSocket() {
        String socket = System.getenv(PRIVATE_BUS_ENV);
        return socket != null
                        && !socket.isBlank()
                        && PrivateBus.addressOf(Path.of(socket)).equals(System.getenv(SYSTEM_BUS_ENV))
                ? Optional.of(Path.of(socket))
                : Optional.empty();
    }

    /** This process's private bus, started on first use; it stops when the process exits. */
    public static synchronized PrivateBus privateBus() throws IOException {
        if (bus == null) {
            Path socket = configuredSocket()
                    .orElseThrow(
                            () -> new IOException("this process was not started for a private bus: " + SYSTEM_BUS_ENV
                                    + " must be unix:path=<socket> and " + PRIVATE_BUS_ENV + " that socket's path"));
            PrivateBus started = PrivateBus.start(socket);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "private-bus-stop"));
            bus = started;
        }
        return bus;
    }

    @Override
    public BleBackend open(SimAir air, Clock clock) throws BleException {
        FakeBluez bluez;
        try {
            bluez = FakeBluez.start(privateBus().address(), air);
        } catch (IOException | DBusException e) {
            throw new BleException("cannot start the simulated BlueZ: " + e.getMessage(), e);
        }
        try {
            return new WithBluez(tinyb().open(clock, Map.of()), bluez);
        } catch (BleException | RuntimeException e) {
            bluez.close();
            throw e;
        }
    }

    private static BleBackendProvider tinyb() throws BleException {
        return ServiceLoader.load(BleBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("tinyb"))
                .findFirst()
                .orElseThrow(() -> new BleException("the TinyB backend is not on the class path"));
    }

    /** The TinyB backend, which stops the simulated BlueZ when it closes. */
    private record WithBluez(BleBackend tinyb, FakeBluez bluez) implements BleBackend {
        @Override
        public String name() {
            return tinyb.name() + " on the simulated BlueZ";
        }

        @Override
        public void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException {
            tinyb.startScan(service, onDevice);
        }

        @Override
        public void stopScan() {
            tinyb.stopScan();
        }

        @Override
        public void releaseLeftoverConnections(UUID service) throws BleException {
            tinyb.releaseLeftoverConnections(service);
        }

        @Override
        public BleConnection connect(String address, Duration timeout) throws BleException {
            return tinyb.connect(address, timeout);
        }

        @Override
        public void pair(String address, Duration timeout) throws BleException {
            tinyb.pair(address, timeout);
        }

        @Override
        public void onFailure(Consumer<BleException> onFailure) {
            tinyb.onFailure(onFailure);
        }

        @Override
        public void close() {
            try {
                tinyb.close();
            } finally {
                bluez.close();
            }
        }
    }
}
