package io.needleguard.pairing;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.link.PenIdentity;
import io.needleguard.profile.FrameException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Pairs a pen seen advertising: connects, reads its serial from the pen itself (a device advertising a
 * serial that is not its own is refused), bonds, and keeps the pairing. The one way to pair, for
 * {@code needleguard pair} and the dashboard alike.
 */
public final class PenPairer {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final BleBackend backend;
    private final PairedPens pairings;
    private final Clock clock;

    public PenPairer(BleBackend backend, PairedPens pairings, Clock clock) {
        this.backend = backend;
        this.pairings = pairings;
        this.clock = clock;
    }

    /**
     * @param pinned the address the serial is already paired at, if it is
     * @throws BleException saying why the pen was not paired, and what to do
     */
    public PenIdentity pair(Advertisement ad, Optional<String> pinned) throws BleException {
        if (pinned.isPresent() && !pinned.get().equalsIgnoreCase(ad.address())) {
            throw new BleException("pen " + ad.name() + " is paired at " + pinned.get() + ", not " + ad.address()
                    + "; this device is refused. If you replaced the pen, run 'needleguard forget " + ad.name()
                    + "' first");
        }
        PenIdentity identity;
        try (BleConnection connection = backend.connect(ad.address(), CONNECT_TIMEOUT)) {
            identity = PenIdentity.read(connection);
        } catch (FrameException e) {
            throw new BleException("the device at " + ad.address() + " sent an unreadable identity (" + e.getMessage()
                    + "); it is not a needleguard pen, or a faulty one");
        }
        if (!identity.serial().equals(ad.name())) {
            throw new BleException("the device at " + ad.address() + " advertises itself as pen " + ad.name()
                    + " but its serial is " + identity.serial() + "; not paired");
        }
        backend.pair(ad.address(), CONNECT_TIMEOUT);
        pairings.pair(new PairedPen(identity.serial(), ad.address(), clock.instant()));
        return identity;
    }
}
