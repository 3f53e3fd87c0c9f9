package io.needleguard.cli;

import io.needleguard.ble.Advertisement;
import io.needleguard.ble.BleBackend;
import io.needleguard.ble.BleException;
import io.needleguard.dashboard.PenPairing;
import io.needleguard.gateway.Gateway;
import io.needleguard.link.PenIdentity;
import io.needleguard.pairing.PairedPen;
import io.needleguard.pairing.PairedPens;
import io.needleguard.pairing.PenPairer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Pairing from the dashboard, as {@code needleguard pair} and {@code forget} do it, inside the running
 * gateway: the pens offered are those its own scan sees and does not record, a pen is paired through the
 * same {@link PenPairer} with the gateway's Bluetooth backend, and the gateway acts on the change at once.
 * A pen the configuration file lists is the file's: forgetting it here is refused, naming the file.
 */
final class PagePairing implements PenPairing {

    private final Gateway gateway;
    private final BleBackend backend;
    private final PairedPens pairings;
    private final Clock clock;
    private final Set<String> configured;
    private final Path file;

    PagePairing(
            Gateway gateway, BleBackend backend, PairedPens pairings, Clock clock, Set<String> configured, Path file) {
        this.gateway = gateway;
        this.backend = backend;
        this.pairings = pairings;
        this.clock = clock;
        this.configured = Set.copyOf(configured);
        this.file = file;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Nearby> nearby() {
        return gateway.unpairedPensNearby().stream()
                .map(ad -> new Nearby(ad.name(), ad.address(), ad.rssi()))
                .toList();
    }

    @Override
    public Paired pair(String serial) {
        List<Advertisement> claiming = gateway.unpairedPensNearby().stream()
                .filter(ad -> ad.name().equals(serial))
                .toList();
        if (claiming.isEmpty()) {
            throw new Refused("pen " + serial + " was not seen nearby in the last " + Gateway.NEARBY.toSeconds()
                    + " s; is it switched on (not running a session) and within a few metres?");
        }
        if (claiming.size() > 1) {
            throw new Refused(claiming.size() + " devices claim to be pen " + serial
                    + "; one of them is not that pen. Pair where only the real pen is in range");
        }
        Advertisement ad = claiming.get(0);
        PenIdentity identity;
        try {
            identity = new PenPairer(backend, pairings, clock)
                    .pair(ad, pairings.pairedPen(serial).map(PairedPen::address));
        } catch (BleException e) {
            throw new Refused(e.getMessage());
        }
        gateway.refresh();
        return new Paired(identity.serial(), ad.address(), identity.model(), identity.firmware());
    }

    @Override
    public boolean forget(String serial) {
        if (configured.contains(serial)) {
            throw new Refused("pen " + serial + " is listed under pens: in " + file
                    + ", and the file wins over the page: remove it there (and restart) to forget it");
        }
        boolean forgotten = pairings.forget(serial);
        gateway.refresh();
        return forgotten;
    }
}
