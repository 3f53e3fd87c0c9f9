package io.needleguard.pairing;

import io.needleguard.link.PenAllowlist;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pens this gateway records: those paired with {@code needleguard pair}, and those listed in the
 * configuration. A pen listed without an address is trusted from the address it first proves its
 * serial from (the link reads the serial after connecting), and pinned to it from then on; a device
 * that claims a pinned serial from another address is refused.
 */
public final class Allowlist implements PenAllowlist {

    private static final Logger log = LoggerFactory.getLogger(Allowlist.class);

    private final Map<String, Optional<String>> configured;
    private final PairedPens paired;
    private final Clock clock;

    /** @param configured serials from the configuration, with the address it gives, if any */
    public Allowlist(Map<String, Optional<String>> configured, PairedPens paired, Clock clock) {
        this.configured = Map.copyOf(configured);
        this.paired = paired;
        this.clock = clock;
    }

    @Override
    public Verdict check(String serial, String address) {
        Optional<String> expected = expectedAddress(serial);
        if (expected.isEmpty() && !configured.containsKey(serial)) {
            return Verdict.NOT_PAIRED;
        }
        return expected.isEmpty() || expected.get().equalsIgnoreCase(address) ? Verdict.ALLOWED : Verdict.WRONG_ADDRESS;
    }

    /** The address the configuration gives for a pen, else the one it was paired or first seen at. */
    public Optional<String> expectedAddress(String serial) {
        Optional<String> fromConfig = configured.getOrDefault(serial, Optional.empty());
        return fromConfig.isPresent() ? fromConfig : paired.pairedPen(serial).map(PairedPen::address);
    }

    @Override
    public void confirmed(String serial, String address) {
        if (configured.containsKey(serial) && expectedAddress(serial).isEmpty()) {
            paired.pair(new PairedPen(serial, address, clock.instant()));
            log.info(
                    "pen {} is at {}; from now on a device with that serial at another address is refused",
                    serial,
                    address);
        }
    }

    @Override
    public void refused(String serial, String address) {
        paired.refused(serial, Addresses.normalize(address), clock.instant());
    }
}
