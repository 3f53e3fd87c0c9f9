package io.needleguard.dashboard;

import java.util.List;

/**
 * Pairing a pen from the page, as {@code needleguard pair} does (the scan of pens nearby, then the pen's
 * own serial read and kept), and forgetting one as {@code needleguard forget} does.
 */
public interface PenPairing {

    /** A pen seen advertising that this gateway does not record. */
    record Nearby(String serial, String address, int rssi) {}

    /** A pen paired: what the pen said about itself. */
    record Paired(String serial, String address, String model, String firmware) {}

    /** Why a pen was not paired, in words for the person pairing it. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** False where nothing can be paired from the page (a simulation, a test): the page says so. */
    boolean available();

    /** The pens seen advertising lately and not recorded, strongest signal first. */
    List<Nearby> nearby();

    /**
     * Pairs the pen nearby with this serial: connects, reads its serial from the pen, bonds and keeps the
     * pairing; the running gateway records it from then on.
     *
     * @throws Refused when the pen is not nearby, claims a serial that is not its own, or cannot be reached
     */
    Paired pair(String serial);

    /** Forgets a paired pen; false when it was not paired. */
    boolean forget(String serial);

    /** Pairing is not offered here. */
    PenPairing NONE = new PenPairing() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public List<Nearby> nearby() {
            return List.of();
        }

        @Override
        public Paired pair(String serial) {
            throw new Refused("pairing from the page is not available here; use 'needleguard pair'");
        }

        @Override
        public boolean forget(String serial) {
            throw new Refused("forgetting a pen from the page is not available here; use 'needleguard forget'");
        }
    };
}
