package io.needleguard.link;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.history.HistoryTrouble;
import io.needleguard.retry.Backoff;
import io.needleguard.session.Area;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pens this gateway looks after: scans for devices advertising the pen service, connects to the
 * allowed ones, and reconnects when they are seen again after dropping out of range.
 */
public final class PenFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PenFleet.class);

    private final BleBackend backend;
    private final UUID service;
    private final PenAllowlist allowlist;
    private final PenListener listener;
    private final Clock clock;
    private final Function<String, Optional<Area>> chosenArea;
    private final WorkTracker tracker;
    private final Backoff backoff;
    private final ClockTrust clockTrust;
    /** Shared by the links (and the gateway): a full disk is logged once, whichever pen meets it first. */
    private final HistoryTrouble trouble;

    private final Map<String, PenLink> links = new ConcurrentHashMap<>();
    private final Set<String> ignored = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Pens seen advertising that this gateway does not record, by address: what pairing offers. */
    private final Map<String, Seen> unpaired = new ConcurrentHashMap<>();

    /** A pen not paired, as last seen advertising. */
    public record Seen(Advertisement advertisement, Instant at) {}

    /**
     * @param service           the GATT service pens advertise
     * @param allowlist         which devices to connect to; others are logged once and left alone, and
     *                          a device claiming a paired serial from another address is refused and reported
     * @param chosenArea        the area chosen for a pen's next sessions, written to it on every connection
     * @param trouble           whether the history can be written, shared with everything else that writes it
     */
    public PenFleet(
            BleBackend backend,
            UUID service,
            PenAllowlist allowlist,
            PenListener listener,
            Clock clock,
            Function<String, Optional<Area>> chosenArea,
            WorkTracker tracker,
            Backoff backoff,
            ClockTrust clockTrust,
            HistoryTrouble trouble) {
        this.backend = backend;
        this.trouble = trouble;
        this.service = service;
        this.allowlist = allowlist;
        this.listener = listener;
        this.clock = clock;
        this.clockTrust = clockTrust;
        this.chosenArea = chosenArea;
        this.tracker = tracker;
        this.backoff = backoff;
    }

    public void start() throws BleException {
        log.info("scanning for pens with {}", backend.name());
        backend.releaseLeftoverConnections(service);
        backend.startScan(service, this::seen);
    }

    private void seen(Advertisement advertisement) {
        String serial = advertisement.name();
        String address = advertisement.address();
        switch (allowlist.check(serial, address)) {
            case NOT_PAIRED -> {
                unpaired.put(address, new Seen(advertisement, clock.instant()));
                if (ignored.add(serial)) {
                    log.info("pen {} at {} is nearby but not paired with this gateway; ignoring it", serial, address);
                }
                return;
            }
            case WRONG_ADDRESS -> {
                if (refused.add(serial + " " + address)) {
                    log.warn(
                            "a device at {} claims to be pen {}, which is paired at another address; refused. If you replaced "
                                    + "the pen, run 'needleguard forget {}' and pair the new one",
                            address,
                            serial,
                            serial);
                    allowlist.refused(serial, address);
                    listener.refused(serial, address);
                }
                return;
            }
            case ALLOWED -> {
                unpaired.remove(address);
            }
        }
        links.computeIfAbsent(
                        serial,
                        s -> new PenLink(
                                s,
                                backend,
                                listener,
                                clock,
                                () -> chosenArea.apply(s),
                                tracker,
                                backoff,
                                trouble,
                                clockTrust))
                .connect(address);
    }

    /** Sends a new area choice to the pen if it is connected (otherwise it gets it when it connects). */
    public void writeArea(String serial, Area area) {
        PenLink link = links.get(serial);
        if (link != null) {
            link.writeArea(area);
        }
    }

    /**
     * The pen is no longer this gateway's: its link is closed at once (the pen disconnected, whatever
     * it was doing) and nothing more of it is handled. It is connected again only if paired again.
     */
    public void forget(String serial) {
        PenLink link = links.remove(serial);
        if (link != null) {
            link.close();
        }
        ignored.remove(serial);
    }

    /**
     * The pens seen advertising since {@code since} that are not paired with this gateway, strongest
     * signal first: the list {@code needleguard pair} shows after its scan, kept up by the gateway's own scan.
     */
    public List<Advertisement> unpairedSince(Instant since) {
        unpaired.values().removeIf(s -> s.at().isBefore(since));
        return unpaired.values().stream()
                .map(Seen::advertisement)
                .filter(ad -> allowlist.check(ad.name(), ad.address()) == PenAllowlist.Verdict.NOT_PAIRED)
                .sorted(Comparator.comparingInt(Advertisement::rssi).reversed().thenComparing(Advertisement::name))
                .toList();
    }

    /** Each known pen's connection state, by serial. */
    public Map<String, LinkState> states() {
        Map<String, LinkState> states = new TreeMap<>();
        links.forEach((serial, link) -> states.put(serial, link.state()));
        return states;
    }

    @Override
    public void close() {
        backend.stopScan();
        links.values().forEach(PenLink::close);
    }
}
