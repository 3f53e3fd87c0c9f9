package io.needleguard.pairing;

import java.time.Instant;
import java.util.Objects;

/**
 * A pen this gateway records: its serial and the Bluetooth address it proved that serial from.
 *
 * @param since when it was paired, or first connected if it came from the configuration
 */
public record PairedPen(String serial, String address, Instant since) {

    public PairedPen {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(since, "since");
        address = Addresses.normalize(address);
    }
}
