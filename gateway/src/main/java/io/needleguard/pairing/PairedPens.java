package io.needleguard.pairing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where pairings and refused devices are kept (the history database). */
public interface PairedPens {

    List<PairedPen> pairedPens();

    default Optional<PairedPen> pairedPen(String serial) {
        return pairedPens().stream().filter(p -> p.serial().equals(serial)).findFirst();
    }

    /** Adds a pairing, or replaces the one for the same serial. */
    void pair(PairedPen pen);

    /** Removes a pairing; false if there was none. */
    boolean forget(String serial);

    /** Notes that {@code address} claimed {@code serial} and was refused. */
    void refused(String serial, String address, Instant at);

    List<RefusedDevice> refusedDevices();
}
