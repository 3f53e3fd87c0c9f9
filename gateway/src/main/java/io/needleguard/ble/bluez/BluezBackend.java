package io.needleguard.ble.bluez;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.ble.Deadline;
import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLE port on BlueZ, whatever library speaks to it: how both adapters behave, so that the gateway
 * cannot tell them apart. Pens are found by looking at BlueZ's devices once a second (a device that
 * lists the pen service, has a signal strength and is not connected is reported); an adapter that
 * vanishes (BlueZ restarting) drops every link, and discovery starts again when it is back; an adapter
 * powered off is logged once with the fix and drops every link; BlueZ gone for longer than
 * {@code bluez-gone-exit-seconds} is reported as a failure so that the service manager restarts
 * needleguard. A connection is made by finding the device (polled for), connecting, waiting for its
 * services, and watching the link; what fails on the way disconnects the device again.
 *
 * <p>A backend supplies only its library's calls (the hooks below). They run on the caller's thread
 * (a pen's link) or the scanner's, and go through {@link #calls} with their own timeouts.
 *
 * @param <D> how the library names a device (TinyB's object, a D-Bus object path)
 * @param <C> the backend's connection
 */
public abstract class BluezBackend<D, C extends BluezConnection<?>> implements BleBackend {

    private static final Logger log = LoggerFactory.getLogger(BluezBackend.class);
    /** Longer than BlueZ's own 25 s, so that BlueZ's answer (with its reason) comes first. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    static final Duration SCAN_EVERY = Duration.ofSeconds(1);
    static final Duration ADAPTER_WAIT = Duration.ofSeconds(10);
    private static final Duration ADAPTER_POLL = Duration.ofMillis(200);

    private final String library;
    protected final String adapterName;
    private final Duration giveUpAfter;
    private final String whyNoRecovery;
    protected final BlockingCalls calls;
    private final ScheduledExecutorService scanner;
    private final Map<String, C> open = new ConcurrentHashMap<>();
    private final List<Consumer<BleException>> fatal = new CopyOnWriteArrayList<>();
    private volatile ScheduledFuture<?> scan;
    private volatile long goneSinceNanos;
    private volatile boolean poweredOff;
    private volatile boolean failed;

    /**
     * @param library       the backend's id, for its name in logs: {@code tinyb}, {@code dbus}
     * @param whyNoRecovery said when giving up, after how long BlueZ was gone (empty, or why the library
     *                      cannot follow BlueZ back in this process)
     * @param calls         the library's blocking calls; their threads' name also names the scanner's
     */
    protected BluezBackend(
            String library, String threads, BluezOptions options, String whyNoRecovery, BlockingCalls calls) {
        this.library = library;
        this.adapterName = options.adapter();
        this.giveUpAfter = options.giveUpAfter();
        this.whyNoRecovery = whyNoRecovery;
        this.calls = calls;
        this.scanner = DaemonThreads.scheduler(threads + "-scan");
    }

    /** A device BlueZ knows on our adapter, as the library shows it. */
    public record Seen<D>(D device, String address, String name, int rssi, Set<UUID> services, boolean connected) {

        public Seen {
            Objects.requireNonNull(address, "address");
            name = name == null ? "" : name;
            services = Set.copyOf(services);
        }
    }

    /** A call into the library that may fail as BlueZ does. */
    @FunctionalInterface
    protected interface LibraryCall<T> {
        T call() throws BleException;
    }

    // ---- the library's calls ----------------------------------------------------------------------

    /** Our adapter as BlueZ shows it now: empty when it (or BlueZ) is gone, else whether it is powered. */
    protected abstract Optional<Boolean> lookAtAdapter() throws BleException;

    /** The adapter is back after BlueZ was gone: take up whatever the library must find again. */
    protected void adapterBack() {}

    protected abstract void startDiscovery() throws BleException;

    protected abstract void stopDiscovery() throws BleException;

    /** The devices BlueZ knows on our adapter. */
    protected abstract List<Seen<D>> devices(Duration timeout) throws BleException;

    /** Asks BlueZ to connect; returns when it has (services may still be resolving). */
    protected abstract void connectDevice(String address, D device, Deadline deadline) throws BleException;

    protected abstract boolean servicesResolved(String address, D device, Deadline deadline) throws BleException;

    /** The connection to a device whose services are resolved, with its characteristics. */
    protected abstract C link(String address, D device, Deadline deadline) throws BleException;

    /**
     * Has the library tell {@code connection} when the link drops ({@link BluezConnection#lost()}).
     *
     * @throws BleException when it has dropped already, or cannot be watched: the connection is then lost
     */
    protected abstract void watch(C connection, D device) throws BleException;

    protected abstract void disconnectDevice(String address, D device, String why, Duration timeout)
            throws BleException;

    protected abstract boolean paired(String address, D device, Deadline deadline) throws BleException;

    protected abstract void pairDevice(String address, D device, Deadline deadline) throws BleException;

    /** Whether a failed pairing failed because the device was paired already (not an error). */
    protected abstract boolean alreadyPaired(BleException e);

    // ---- starting -----------------------------------------------------------------------------------

    /**
     * The adapter, once BlueZ announces it (a moment after taking its bus name, at boot or after a
     * restart), waited for a few seconds.
     *
     * @param names what adapters BlueZ has instead, for the message when ours does not come
     */
    protected static <A> A awaitAdapter(String adapterName, LibraryCall<Optional<A>> find, LibraryCall<String> names)
            throws BleException {
        Deadline deadline = Deadline.after(ADAPTER_WAIT);
        Optional<A> found = find.call();
        while (found.isEmpty() && !deadline.passed()) {
            LockSupport.parkNanos(ADAPTER_POLL.toNanos());
            found = find.call();
        }
        if (found.isEmpty()) {
            throw new BleException("no Bluetooth adapter " + adapterName + " (BlueZ sees " + names.call()
                    + "); check 'bluetoothctl list', or set ble.options.adapter");
        }
        return found.get();
    }

    protected static void requirePowered(String adapterName, boolean powered) throws BleException {
        if (!powered) {
            throw new BleException("the Bluetooth adapter " + adapterName + " is powered off; turn it on with "
                    + "'bluetoothctl power on' (and check 'rfkill list' if it will not)");
        }
    }

    /** Service UUIDs as BlueZ lists them; what is not a UUID is left out. */
    public static Set<UUID> uuids(Collection<?> uuids) {
        return uuids == null
                ? Set.of()
                : uuids.stream()
                        .map(u -> {
                            try {
                                return UUID.fromString(String.valueOf(u));
                            } catch (IllegalArgumentException notAUuid) {
                                return null;
                            }
                        })
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
    }

    // ---- the port ---------------------------------------------------------------------------------

    @Override
    public final String name() {
        return library + " (" + adapterName + ")";
    }

    @Override
    public final void onFailure(Consumer<BleException> onFailure) {
        fatal.add(onFailure);
    }

    @Override
    public final void startScan(UUID service, Consumer<Advertisement> onDevice) throws BleException {
        startDiscovery();
        scan = scanner.scheduleWithFixedDelay(
                () -> scanOnce(service, onDevice), 0, SCAN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public final void stopScan() {
        ScheduledFuture<?> s = scan;
        if (s != null) {
            s.cancel(false);
            scan = null;
        }
        try {
            stopDiscovery();
        } catch (BleException e) {
            log.debug("stopping discovery: {}", e.getMessage());
        }
    }

    /**
     * BlueZ keeps a link after the program that made it dies: a gateway killed while a pen was
     * connected finds that pen still connected, and a connected pen does not advertise, so it would
     * never be seen again until it left range. Such links are ended; the pens advertise again, are
     * connected anew and sync what they kept meanwhile.
     */
    @Override
    public final void releaseLeftoverConnections(UUID service) {
        try {
            for (Seen<D> d : devices(CALL_TIMEOUT)) {
                if (d.services().contains(service) && d.connected() && !open.containsKey(d.address())) {
                    log.info(
                            "pen at {} was still connected from before this gateway started; reconnecting it",
                            d.address());
                    disconnectDevice(d.address(), d.device(), "disconnect a leftover link", CALL_TIMEOUT);
                }
            }
        } catch (BleException e) {
            log.warn("could not look for pens still connected from before: {}", e.getMessage());
        }
    }

    @Override
    public final BleConnection connect(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        D device = device(address, deadline);
        connectDevice(address, device, deadline);
        C made = null;
        try {
            while (!servicesResolved(address, device, deadline)) {
                deadline.pause(address + ": services were not resolved in time");
            }
            C connection = link(address, device, deadline);
            made = connection;
            open.put(address, connection);
            connection.onDisconnect(() -> open.remove(address, connection));
            watch(connection, device);
            return connection;
        } catch (BleException | RuntimeException e) {
            if (made != null) {
                made.lost();
            }
            try {
                disconnectDevice(address, device, "disconnect after a failed connection", CALL_TIMEOUT);
            } catch (BleException ignored) {
                log.debug("disconnecting {} after a failed connection: {}", address, ignored.getMessage());
            }
            throw e;
        }
    }

    @Override
    public final void pair(String address, Duration timeout) throws BleException {
        Deadline deadline = Deadline.after(timeout);
        D device = device(address, deadline);
        if (paired(address, device, deadline)) {
            return;
        }
        try {
            pairDevice(address, device, deadline);
        } catch (BleException e) {
            if (!alreadyPaired(e)) {
                throw e;
            }
        }
    }

    /** The device with this address, polled for until the deadline. */
    private D device(String address, Deadline deadline) throws BleException {
        while (true) {
            for (Seen<D> d : devices(deadline.remaining())) {
                if (address.equalsIgnoreCase(d.address())) {
                    return d.device();
                }
            }
            deadline.pause("no device " + address + " in range");
        }
    }

    // ---- watching the adapter -----------------------------------------------------------------------

    /** One look at the devices BlueZ knows: pens in range are reported; a vanished adapter is noticed. */
    private void scanOnce(UUID service, Consumer<Advertisement> onDevice) {
        try {
            Optional<Boolean> powered = lookAtAdapter();
            if (powered.isEmpty()) {
                bluezGone();
                return;
            }
            if (goneSinceNanos != 0) {
                bluezBack();
            }
            if (!powered(powered.get())) {
                return;
            }
            for (Seen<D> d : devices(CALL_TIMEOUT)) {
                // No RSSI: BlueZ keeps a paired device it no longer hears; there is nothing to connect to.
                if (d.services().contains(service) && d.rssi() != 0 && !d.connected()) {
                    onDevice.accept(new Advertisement(d.address(), d.name(), d.rssi(), d.services()));
                }
            }
        } catch (BleException | RuntimeException e) {
            log.debug("scanning: {}", e.getMessage());
        }
    }

    /** Whether the adapter is on; a change either way is logged once, and discovery resumes when it is back on. */
    private boolean powered(boolean on) throws BleException {
        if (!on && !poweredOff) {
            poweredOff = true;
            log.warn(
                    "the Bluetooth adapter {} was powered off; pens cannot connect until it is on again: bluetoothctl power on "
                            + "(and 'rfkill list' if it will not)",
                    adapterName);
            dropConnections();
        } else if (on && poweredOff) {
            poweredOff = false;
            startDiscovery();
            log.info("the Bluetooth adapter {} is on again; discovering pens", adapterName);
        }
        return on;
    }

    private void dropConnections() {
        List<C> all = List.copyOf(open.values());
        open.clear();
        all.forEach(BluezConnection::lost);
    }

    /** BlueZ or our adapter is gone: the links are dropped at once, and after a while we give up. */
    protected final void bluezGone() {
        if (goneSinceNanos == 0) {
            goneSinceNanos = System.nanoTime();
            log.warn(
                    "BlueZ's adapter {} went away (bluetoothd restarted?); the pens are disconnected and reconnect when it is back",
                    adapterName);
            dropConnections();
        } else if (!failed && System.nanoTime() - goneSinceNanos > giveUpAfter.toNanos()) {
            failed = true;
            BleException e = new BleException("BlueZ's adapter " + adapterName + " has been gone for "
                    + giveUpAfter.toSeconds() + " s" + whyNoRecovery
                    + " (is bluetoothd running? is the adapter plugged in?); exiting so that the service manager "
                    + "restarts needleguard (systemd: Restart=on-failure)");
            fatal.forEach(f -> f.accept(e));
        }
    }

    private void bluezBack() throws BleException {
        goneSinceNanos = 0;
        poweredOff = false;
        adapterBack();
        startDiscovery();
        log.info("BlueZ's adapter {} is back; discovering pens again", adapterName);
    }

    @Override
    public void close() {
        stopScan();
        List.copyOf(open.values()).forEach(BluezConnection::close);
        scanner.shutdownNow();
        calls.close();
    }
}
