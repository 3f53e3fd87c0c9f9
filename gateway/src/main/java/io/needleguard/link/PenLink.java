package io.needleguard.link;

import static io.needleguard.profile.PenProfile.AREA;
import static io.needleguard.profile.PenProfile.BATTERY_LEVEL;
import static io.needleguard.profile.PenProfile.BATTERY_SERVICE;
import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SERVICE;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static io.needleguard.profile.PenProfile.STATUS;

import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.history.HistoryException;
import io.needleguard.history.HistoryTrouble;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;
import io.needleguard.profile.RecordAccess;
import io.needleguard.profile.RecordAccess.CodeResponse;
import io.needleguard.profile.RecordAccess.CountResponse;
import io.needleguard.profile.RecordAccess.OpCode;
import io.needleguard.profile.RecordAccess.Request;
import io.needleguard.profile.RecordAccess.ResponseCode;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Area;
import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of one pen: connects, checks the pen is who it claims, sets its clock,
 * subscribes, fetches the sessions it kept while out of range, and lets it delete each one only
 * after the history has it. Everything runs on the pen's own thread: notifications are queued there,
 * so no Bluetooth call is ever made from a Bluetooth callback, and a slow pen delays only itself.
 */
final class PenLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PenLink.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final String serial;
    private final BleBackend backend;
    private final PenListener listener;
    private final WorkTracker tracker;
    private final HistoryTrouble trouble;
    private final PenSetup setup;
    private final LinkRetry retry;
    private final ExecutorService thread;

    // Confined to the link thread.
    private BleConnection connection;
    private long connectionEpoch;
    private String address;
    private long highestCommitted;
    private boolean syncing;
    /** Sessions the pen said it holds for us, less those stored since; -1 until it says. */
    private long waiting = -1;

    private volatile LinkState state = LinkState.DISCONNECTED;
    /** Once closed, notifications still queued are dropped: the pen may have been forgotten. */
    private volatile boolean closed;

    PenLink(
            String serial,
            BleBackend backend,
            PenListener listener,
            Clock clock,
            Supplier<Optional<Area>> chosenArea,
            WorkTracker tracker,
            Backoff backoff,
            HistoryTrouble trouble,
            ClockTrust clockTrust) {
        this.serial = serial;
        this.backend = backend;
        this.listener = listener;
        this.tracker = tracker;
        this.trouble = trouble;
        this.setup = new PenSetup(listener, clock, clockTrust, chosenArea);
        this.retry = new LinkRetry(clock, backoff);
        this.thread = DaemonThreads.single("pen-" + serial);
    }

    LinkState state() {
        return state;
    }

    /**
     * Connects to the pen at {@code address} unless it is connected, connecting, or waiting out the
     * backoff after failed attempts. Called whenever the pen is seen advertising.
     */
    void connect(String address) {
        if (state != LinkState.DISCONNECTED || !retry.due()) {
            return;
        }
        submit(() -> {
            if (state == LinkState.DISCONNECTED && retry.due()) {
                establish(address);
            }
        });
    }

    private void establish(String address) {
        this.address = address;
        setState(LinkState.CONNECTING);
        try {
            connection = backend.connect(address, CONNECT_TIMEOUT);
            if (closed) {
                drop(); // forgotten while connecting: not a moment longer
                return;
            }
            long epoch = ++connectionEpoch;
            connection.onDisconnect(() -> submit(() -> onDisconnected(epoch)));
            setState(LinkState.RESOLVING);
            PenIdentity identity = PenIdentity.read(connection);
            if (!identity.serial().equals(serial)) {
                log.warn(
                        "device {} advertised as pen {} but its serial is {}; refused",
                        address,
                        serial,
                        identity.serial());
                failed();
                return;
            }
            if (closed) {
                drop();
                return;
            }
            setup.setUp(connection, identity);
            subscribe(SERVICE, STATUS, this::onStatus);
            subscribe(SERVICE, SESSION_RECORD, this::onRecord);
            subscribe(SERVICE, RECORD_ACCESS, this::onRecordAccess);
            subscribe(BATTERY_SERVICE, BATTERY_LEVEL, this::onBattery);
            setState(LinkState.SUBSCRIBED);
            retry.connected();
            startSync();
        } catch (BleException e) {
            log.warn("pen {} at {}: {}", serial, address, e.getMessage());
            failed();
        } catch (FrameException e) {
            listener.badFrame(serial, e);
            log.warn(
                    "pen {} at {} sent a bad frame while connecting ({}); disconnected",
                    serial,
                    address,
                    e.getMessage());
            failed();
        }
    }

    /** A connection attempt failed: wait longer before each next one. */
    private void failed() {
        drop();
        Duration delay = retry.afterFailure();
        log.info("pen {}: next connection attempt in {} s at the earliest", serial, delay.toSeconds());
    }

    /**
     * The history could not store the pen's session: disconnected (the pen keeps it), and connected again
     * after a wait that doubles, to a minute, while the history stays unwritable. Not logged at INFO: the
     * trouble itself is, once.
     */
    private void historyFailed() {
        drop();
        Duration delay = retry.afterHistoryFailure();
        log.debug("pen {}: the history cannot store its sessions; next connection in {} s", serial, delay.toSeconds());
    }

    /** Notifications are only queued here; they are handled on the link thread, in order. */
    private void subscribe(java.util.UUID service, java.util.UUID characteristic, Consumer<byte[]> handler)
            throws BleException {
        long epoch = connectionEpoch;
        connection.subscribe(
                service,
                characteristic,
                bytes -> submit(() -> {
                    if (epoch == connectionEpoch && connection != null && !closed) {
                        handler.accept(bytes);
                    }
                }));
    }

    /** Tells a connected pen the area its next sessions are on; a pen not connected learns it on connection. */
    void writeArea(Area area) {
        submit(() -> {
            if (connection == null || state == LinkState.CONNECTING || state == LinkState.RESOLVING) {
                return;
            }
            try {
                connection.write(SERVICE, AREA, PenCodec.encodeArea(area));
                log.info("pen {}: next sessions are on {}", serial, area);
            } catch (BleException e) {
                log.warn(
                        "pen {}: could not set the area to {} ({}); it is set on the next connection",
                        serial,
                        area,
                        e.getMessage());
            }
        });
    }

    private void startSync() throws BleException {
        syncing = true;
        highestCommitted = 0;
        waiting = -1;
        setState(LinkState.SYNCING);
        // How many there are (for the dashboard), then the sessions themselves; the pen answers in order.
        // All it holds, not only those above the last one stored: a pen whose counter started again
        // holds new sessions below it (the gateway keeps them as a new generation of the pen's ids), and
        // a pen keeps only what the gateway has not yet let it delete, so this is rarely more.
        connection.write(SERVICE, RECORD_ACCESS, PenCodec.encode(Request.countAll()));
        connection.write(SERVICE, RECORD_ACCESS, PenCodec.encode(Request.reportAll()));
    }

    private void onStatus(byte[] bytes) {
        try {
            listener.status(serial, PenCodec.decodeStatus(bytes));
        } catch (FrameException e) {
            badFrame(e);
        }
    }

    private void onBattery(byte[] bytes) {
        try {
            listener.battery(serial, PenCodec.decodeBatteryLevel(bytes));
        } catch (FrameException e) {
            badFrame(e);
        }
    }

    private void onRecord(byte[] bytes) {
        SessionRecordFrame record;
        try {
            record = PenCodec.decodeSessionRecord(bytes);
        } catch (FrameException e) {
            badFrame(e);
            return;
        }
        try {
            if (!listener.sessionRecord(serial, address, record)) {
                drop();
                return;
            }
        } catch (HistoryException e) {
            // Not recorded: the pen must keep it. Records arrive in counter order, so stopping here and
            // syncing again later (from the last stored counter) fetches this one and everything after it.
            // A full disk is news once, not once per pen per attempt; the attempts back off.
            if (trouble.failed(e)) {
                log.error(
                        "{}; pen {} keeps session {} and what follows until then",
                        e.getMessage(),
                        serial,
                        record.counter());
            }
            historyFailed();
            return;
        } catch (RuntimeException e) {
            log.error(
                    "pen {}: session {} could not be recorded; it stays on the pen and is fetched again on the next connection",
                    serial,
                    record.counter(),
                    e);
            failed();
            return;
        }
        retry.stored();
        if (trouble.cleared()) {
            log.info(
                    "the history can be written again: recording resumes (pen {}, session {})",
                    serial,
                    record.counter());
        }
        highestCommitted = Math.max(highestCommitted, record.counter());
        if (!syncing) {
            deleteCommitted();
        } else if (waiting > 0) {
            listener.waiting(serial, --waiting);
        }
    }

    private void onRecordAccess(byte[] bytes) {
        RecordAccess.Response response;
        try {
            response = PenCodec.decodeResponse(bytes);
        } catch (FrameException e) {
            badFrame(e);
            return;
        }
        if (response instanceof CountResponse count) {
            if (syncing) {
                waiting = count.count();
                listener.waiting(serial, waiting);
            }
        } else if (response instanceof CodeResponse code && code.request() == OpCode.REPORT_RECORDS) {
            if (code.code() != ResponseCode.SUCCESS && code.code() != ResponseCode.NO_RECORDS_FOUND) {
                log.warn("pen {} could not report its stored sessions ({}); they stay on the pen", serial, code.code());
            }
            syncing = false;
            setState(LinkState.SUBSCRIBED);
            if (code.code() == ResponseCode.SUCCESS || code.code() == ResponseCode.NO_RECORDS_FOUND) {
                waiting = 0;
                listener.waiting(serial, 0);
            }
            deleteCommitted();
        } else if (response instanceof CodeResponse code && code.code() != ResponseCode.SUCCESS) {
            log.debug("pen {} answered {} with {}", serial, code.request(), code.code());
        }
    }

    /** Lets the pen free the memory of every session up to the highest one the history has. */
    private void deleteCommitted() {
        if (highestCommitted == 0 || connection == null) {
            return;
        }
        try {
            connection.write(SERVICE, RECORD_ACCESS, PenCodec.encode(Request.deleteUpTo(highestCommitted)));
        } catch (BleException e) {
            log.warn(
                    "pen {}: could not delete stored sessions up to {} ({}); it will send them again, and they are stored once",
                    serial,
                    highestCommitted,
                    e.getMessage());
        }
    }

    /** Dropped; the listener reports it (the log of {@code run}, the demo's view), once. */
    private void badFrame(FrameException e) {
        log.debug("pen {}: dropped a malformed frame: {}", serial, e.getMessage());
        listener.badFrame(serial, e);
    }

    private void onDisconnected(long epoch) {
        if (epoch == connectionEpoch && connection != null) {
            log.debug("pen {} disconnected", serial); // the listener reports it
            drop();
        }
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        connectionEpoch++;
        syncing = false;
        setState(LinkState.DISCONNECTED);
    }

    private void setState(LinkState next) {
        if (state != next) {
            state = next;
            listener.stateChanged(serial, next);
        }
    }

    /** Queues work on the pen's thread; once the link is closed, late notifications are dropped. */
    private void submit(Runnable task) {
        if (thread.isShutdown()) {
            return;
        }
        try {
            tracker.submit(thread, task);
        } catch (RejectedExecutionException closing) {
            log.debug("pen {}: link closed, dropped a late event", serial);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (!thread.isShutdown()) {
            submit(this::drop);
            thread.shutdown();
        }
    }
}
