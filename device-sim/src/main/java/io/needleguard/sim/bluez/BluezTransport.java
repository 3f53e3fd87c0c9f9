package io.needleguard.sim.bluez;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.AutoBackendProvider;
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
 * one of the gateway's real Bluetooth backends talking to it over D-Bus (TinyB or the D-Bus backend,
 * as {@code ble.backend: auto} chooses, unless told which).
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

    private final String backend;

    /** The backend {@code ble.backend: auto} chooses on this machine. */
    public BluezTransport() {
        this(AutoBackendProvider.ID);
    }

    /** @param backend the id of the gateway's backend to use: tinyb, dbus or auto */
    public BluezTransport(String backend) {
        this.backend = backend;
    }

    /** The id of the backend {@code auto} takes here (tinyb where its natives load, else dbus). */
    public static String autoBackend() {
        try {
            return new AutoBackendProvider().choose().provider().id();
        } catch (BleException e) {
            return "(none: " + e.getMessage() + ")";
        }
    }

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
            return new WithBluez(provider(backend).open(clock, Map.of()), bluez);
        } catch (BleException | RuntimeException e) {
            bluez.close();
            throw e;
        }
    }

    /** The gateway's backend with this id (tinyb, dbus, auto), as the configuration would name it. */
    public static BleBackendProvider provider(String id) throws BleException {
        return ServiceLoader.load(BleBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new BleException("the " + id + " backend is not on the class path"));
    }

    /** The gateway's backend, which stops the simulated BlueZ when it closes. */
    private record WithBluez(BleBackend backend, FakeBluez bluez) implements BleBackend {
        @Override
        public String name() {
            return backend.name() + " on the simulated BlueZ";
        }

        @Override
        public void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException {
            backend.startScan(service, onDevice);
        }

        @Override
        public void stopScan() {
            backend.stopScan();
        }

        @Override
        public void releaseLeftoverConnections(UUID service) throws BleException {
            backend.releaseLeftoverConnections(service);
        }

        @Override
        public BleConnection connect(String address, Duration timeout) throws BleException {
            return backend.connect(address, timeout);
        }

        @Override
        public void pair(String address, Duration timeout) throws BleException {
            backend.pair(address, timeout);
        }

        @Override
        public void onFailure(Consumer<BleException> onFailure) {
            backend.onFailure(onFailure);
        }

        @Override
        public void close() {
            try {
                backend.close();
            } finally {
                bluez.close();
            }
        }
    }
}
