package io.needleguard.sim.pen;

import static io.needleguard.profile.PenProfile.AREA;
import static io.needleguard.profile.PenProfile.BATTERY_LEVEL;
import static io.needleguard.profile.PenProfile.BATTERY_SERVICE;
import static io.needleguard.profile.PenProfile.DEVICE_INFORMATION;
import static io.needleguard.profile.PenProfile.FIRMWARE_REVISION;
import static io.needleguard.profile.PenProfile.MANUFACTURER_NAME;
import static io.needleguard.profile.PenProfile.MODEL_NUMBER;
import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SERIAL_NUMBER;
import static io.needleguard.profile.PenProfile.SERVICE;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static io.needleguard.profile.PenProfile.STATUS;
import static io.needleguard.profile.PenProfile.TIME_SYNC;

import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A microneedling pen as pen profile v1 describes it, minus the needles: a GATT server with device
 * information, battery, live status, a session memory that survives being out of range, a clock the
 * gateway sets, and the record access control point. Transport-agnostic: the in-process backend and
 * the simulated BlueZ both serve this same pen. Its session memory and the record access control
 * point are {@link SessionMemory}'s.
 */
public final class SimulatedPen {

    /** Sessions a pen keeps before the oldest is overwritten. */
    public static final int MEMORY_CAPACITY = 200;

    private final String serial;
    private final String model;
    private final String firmware;
    private final String address;
    private final Clock worldClock;

    private final String advertisedName;
    private Duration clockOffset = Duration.ZERO;
    private int battery = 100;
    private Area area = Area.UNSPECIFIED;
    private boolean inRange = true;
    private PenCentral central;
    private final Set<UUID> notifying = new HashSet<>();
    private final SessionMemory memory = new SessionMemory();
    private long counter;
    private int sequence;
    private Running running;

    private record Running(Instant start, Depth depth, int strokeHz, String cartridge) {}

    public SimulatedPen(String serial, String model, Clock worldClock) {
        this(serial, serial, model, worldClock);
    }

    private SimulatedPen(String serial, String advertisedName, String model, Clock worldClock) {
        this.advertisedName = Objects.requireNonNull(advertisedName, "advertisedName");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.model = Objects.requireNonNull(model, "model");
        this.firmware = "sim-1.0.0";
        this.address = addressFor(serial);
        this.worldClock = Objects.requireNonNull(worldClock, "worldClock");
    }

    /**
     * A rogue device: advertises {@code claimedSerial} (a pen the gateway knows) but is another device
     * with its own serial and address. A gateway must refuse it.
     */
    public static SimulatedPen impostor(String claimedSerial, String realSerial, Clock worldClock) {
        return new SimulatedPen(realSerial, claimedSerial, "sim-rogue", worldClock);
    }

    /** The name in its advertisement: its serial, unless it is an impostor. */
    public String advertisedName() {
        return advertisedName;
    }

    /**
     * A stable random static address derived from the serial (top two bits set, as the Bluetooth core
     * specification requires of static random addresses), so a pen keeps its address across runs.
     */
    static String addressFor(String serial) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(serial.getBytes(StandardCharsets.UTF_8));
            hash[0] |= (byte) 0xc0;
            StringBuilder address = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                address.append(i == 0 ? "" : ":").append(String.format("%02X", hash[i]));
            }
            return address.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String serial() {
        return serial;
    }

    public String model() {
        return model;
    }

    public String address() {
        return address;
    }

    public synchronized boolean inRange() {
        return inRange;
    }

    public synchronized boolean connected() {
        return central != null;
    }

    public synchronized int battery() {
        return battery;
    }

    public synchronized int storedRecords() {
        return memory.size();
    }

    public synchronized long sessionCounter() {
        return counter;
    }

    // ---- the radio ------------------------------------------------------------------------------

    /** Moves the pen in or out of range; leaving range drops the connection. */
    public void setInRange(boolean inRange) {
        PenCentral dropped;
        synchronized (this) {
            this.inRange = inRange;
            dropped = inRange ? null : detachLocked();
        }
        if (dropped != null) {
            dropped.disconnected();
        }
    }

    /**
     * The battery runs flat: the pen drops its connection and goes silent (out of range, as far as
     * any radio can tell) until it is charged. Its session memory survives, as a pen's flash does.
     */
    public void batteryDies() {
        synchronized (this) {
            battery = 0;
        }
        setInRange(false);
    }

    /** Charged again: full battery, advertising again. */
    public void charge() {
        synchronized (this) {
            battery = 100;
        }
        setInRange(true);
    }

    /** A central connects. Only one at a time, and only in range. */
    public synchronized void attach(PenCentral central) throws GattError {
        if (!inRange) {
            throw new GattError("pen " + serial + " is out of range");
        }
        if (this.central != null) {
            throw new GattError("pen " + serial + " is already connected");
        }
        this.central = Objects.requireNonNull(central, "central");
        notifying.clear();
    }

    /** The central disconnects (its own doing: it is not told). */
    public synchronized void detach() {
        detachLocked();
    }

    private PenCentral detachLocked() {
        PenCentral was = central;
        central = null;
        notifying.clear();
        return was;
    }

    // ---- GATT server ----------------------------------------------------------------------------

    public synchronized byte[] read(UUID service, UUID characteristic) throws GattError {
        if (DEVICE_INFORMATION.equals(service)) {
            if (SERIAL_NUMBER.equals(characteristic)) {
                return utf8(serial);
            }
            if (MODEL_NUMBER.equals(characteristic)) {
                return utf8(model);
            }
            if (FIRMWARE_REVISION.equals(characteristic)) {
                return utf8(firmware);
            }
            if (MANUFACTURER_NAME.equals(characteristic)) {
                return utf8("needleguard simulator");
            }
        } else if (BATTERY_SERVICE.equals(service) && BATTERY_LEVEL.equals(characteristic)) {
            return new byte[] {(byte) battery};
        } else if (SERVICE.equals(service)) {
            if (STATUS.equals(characteristic)) {
                return PenCodec.encode(status());
            }
            if (TIME_SYNC.equals(characteristic)) {
                return PenCodec.encodeTimeSync(penTime());
            }
            if (AREA.equals(characteristic)) {
                return PenCodec.encodeArea(area);
            }
        }
        throw new GattError("read not permitted: " + characteristic);
    }

    public void write(UUID service, UUID characteristic, byte[] value) throws GattError {
        List<Runnable> notifications;
        synchronized (this) {
            if (!SERVICE.equals(service)) {
                throw new GattError("write not permitted: " + characteristic);
            }
            try {
                if (TIME_SYNC.equals(characteristic)) {
                    clockOffset = Duration.between(worldClock.instant(), PenCodec.decodeTimeSync(value));
                    return;
                }
                if (AREA.equals(characteristic)) {
                    area = PenCodec.decodeArea(value);
                    return;
                }
                if (RECORD_ACCESS.equals(characteristic)) {
                    notifications = recordAccess(value);
                } else {
                    throw new GattError("write not permitted: " + characteristic);
                }
            } catch (FrameException e) {
                throw new GattError("invalid value: " + e.getMessage());
            }
        }
        // Outside the lock, as a radio would: the central handles them after the write returns.
        notifications.forEach(Runnable::run);
    }

    public synchronized void subscribe(UUID characteristic) throws GattError {
        if (!STATUS.equals(characteristic)
                && !SESSION_RECORD.equals(characteristic)
                && !RECORD_ACCESS.equals(characteristic)
                && !BATTERY_LEVEL.equals(characteristic)) {
            throw new GattError("notifications not supported: " + characteristic);
        }
        notifying.add(characteristic);
    }

    private List<Runnable> recordAccess(byte[] value) {
        return memory.answer(value).stream()
                .map(reply -> notifier(SERVICE, reply.characteristic(), reply.value()))
                .toList();
    }

    // ---- the person using it ----------------------------------------------------------------------

    /** The user chose an area for the next sessions (through the gateway, or on the pen). */
    public synchronized void selectArea(Area area) {
        this.area = Objects.requireNonNull(area, "area");
    }

    public synchronized Area selectedArea() {
        return area;
    }

    public void start(Depth depth, int strokeHz, String cartridge) {
        Runnable notification;
        synchronized (this) {
            if (running != null) {
                throw new IllegalStateException("pen " + serial + " is already running");
            }
            running = new Running(penTime(), depth, strokeHz, cartridge);
            notification = notifier(SERVICE, STATUS, PenCodec.encode(status()));
        }
        notification.run();
    }

    /** Stops the running session, stores its record, and notifies it if a central listens. */
    public SessionRecordFrame stop() {
        List<Runnable> notifications = new ArrayList<>();
        SessionRecordFrame record;
        synchronized (this) {
            if (running == null) {
                throw new IllegalStateException("pen " + serial + " is not running");
            }
            Instant end = penTime();
            record = new SessionRecordFrame(
                    ++counter, running.start(), end, running.depth(), running.strokeHz(), area, running.cartridge());
            drain(Duration.between(running.start(), end));
            running = null;
            memory.add(record);
            notifications.add(notifier(SERVICE, STATUS, PenCodec.encode(status())));
            notifications.add(notifier(SERVICE, SESSION_RECORD, PenCodec.encode(record)));
            notifications.add(notifier(BATTERY_SERVICE, BATTERY_LEVEL, new byte[] {(byte) battery}));
        }
        notifications.forEach(Runnable::run);
        return record;
    }

    /**
     * New firmware, a factory reset, or a replacement pen given the same serial: its memory is empty and it
     * counts its sessions from 1 again, so its next sessions have the counters of sessions the gateway
     * already stored (the pen profile says a counter is never reused; a gateway must not lose them).
     */
    public synchronized void firmwareReset() {
        if (running != null) {
            throw new IllegalStateException("pen " + serial + " is running");
        }
        memory.clear();
        counter = 0;
    }

    /** A radio glitch or a faulty pen: sends bytes that are not a valid status frame. */
    public void sendMalformedStatus(byte[] bytes) {
        Runnable notification;
        synchronized (this) {
            notification = notifier(SERVICE, STATUS, bytes.clone());
        }
        notification.run();
    }

    /** About 1 % per 5 minutes of running; the simulated user charges it overnight below 20 %. */
    private void drain(Duration used) {
        battery = Math.max(0, battery - (int) Math.max(1, used.toMinutes() / 5));
        if (battery < 20) {
            battery = 100;
        }
    }

    private StatusFrame status() {
        Running r = running;
        return new StatusFrame(
                r != null,
                sequence++ & 0xffff,
                r == null ? Depth.ofHundredths(0) : r.depth(),
                r == null ? 0 : r.strokeHz(),
                area,
                r == null ? "" : r.cartridge());
    }

    private Instant penTime() {
        return worldClock.instant().plus(clockOffset);
    }

    /** A notification to send once the lock is released, if a central is subscribed to it then. */
    private Runnable notifier(UUID service, UUID characteristic, byte[] value) {
        PenCentral target = central;
        boolean subscribed = notifying.contains(characteristic);
        return () -> {
            if (target != null && subscribed) {
                target.notify(service, characteristic, value);
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
