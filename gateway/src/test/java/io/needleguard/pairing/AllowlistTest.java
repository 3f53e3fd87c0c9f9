package io.needleguard.pairing;

import static io.needleguard.link.PenAllowlist.Verdict.ALLOWED;
import static io.needleguard.link.PenAllowlist.Verdict.NOT_PAIRED;
import static io.needleguard.link.PenAllowlist.Verdict.WRONG_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who the gateway connects to: paired pens and configured ones, each from its own address. */
class AllowlistTest {

    private static final String PEN = "C0:00:00:00:00:01";
    private static final String OTHER = "C0:00:00:00:00:66";
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    private final MemoryPairedPens paired = new MemoryPairedPens();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aConfiguredPenWithoutAddressIsPinnedToTheAddressItFirstProvesItsSerialFrom() {
        Allowlist allowlist = new Allowlist(Map.of("PEN-1", Optional.empty()), paired, clock);
        assertEquals(ALLOWED, allowlist.check("PEN-1", OTHER), "not pinned yet: any address may try");
        assertEquals(ALLOWED, allowlist.check("PEN-1", PEN));

        allowlist.confirmed("PEN-1", PEN);

        assertEquals(List.of(new PairedPen("PEN-1", PEN, NOW)), paired.pairedPens());
        assertEquals(ALLOWED, allowlist.check("PEN-1", PEN));
        assertEquals(ALLOWED, allowlist.check("PEN-1", PEN.toLowerCase(Locale.ROOT)), "addresses compare without case");
        assertEquals(WRONG_ADDRESS, allowlist.check("PEN-1", OTHER));
        allowlist.confirmed("PEN-1", OTHER);
        assertEquals(PEN, paired.pairedPen("PEN-1").orElseThrow().address(), "a pinned address stays");
    }

    @Test
    void aConfiguredAddressWinsOverAPairedOne() {
        paired.pair(new PairedPen("PEN-1", OTHER, NOW));
        Allowlist allowlist = new Allowlist(Map.of("PEN-1", Optional.of(PEN)), paired, clock);
        assertEquals(ALLOWED, allowlist.check("PEN-1", PEN));
        assertEquals(WRONG_ADDRESS, allowlist.check("PEN-1", OTHER));
    }

    @Test
    void aPairedPenOutsideTheConfigurationIsAllowedFromItsAddressOnly() {
        paired.pair(new PairedPen("PEN-2", PEN, NOW));
        Allowlist allowlist = new Allowlist(Map.of(), paired, clock);
        assertEquals(ALLOWED, allowlist.check("PEN-2", PEN));
        assertEquals(WRONG_ADDRESS, allowlist.check("PEN-2", OTHER));
        allowlist.confirmed("PEN-2", OTHER);
        assertEquals(PEN, paired.pairedPen("PEN-2").orElseThrow().address());
    }

    @Test
    void anUnknownSerialIsNotPairedAndIsNeverPinned() {
        Allowlist allowlist = new Allowlist(Map.of("PEN-1", Optional.empty()), paired, clock);
        assertEquals(NOT_PAIRED, allowlist.check("NEIGHBOUR-7", PEN));
        allowlist.confirmed("NEIGHBOUR-7", PEN);
        assertEquals(List.of(), paired.pairedPens());
    }

    @Test
    void forgettingAPairingUnpinsAConfiguredPenAndDropsAPairedOne() {
        paired.pair(new PairedPen("PEN-2", PEN, NOW));
        Allowlist allowlist = new Allowlist(Map.of("PEN-1", Optional.empty()), paired, clock);
        allowlist.confirmed("PEN-1", PEN);

        paired.forget("PEN-1");
        paired.forget("PEN-2");

        assertEquals(ALLOWED, allowlist.check("PEN-1", OTHER), "a replacement pen may connect and be pinned");
        assertEquals(NOT_PAIRED, allowlist.check("PEN-2", PEN));
    }

    @Test
    void refusalsAreCountedPerSerialAndAddress() {
        Allowlist allowlist = new Allowlist(Map.of("PEN-1", Optional.of(PEN)), paired, clock);
        allowlist.refused("PEN-1", OTHER.toLowerCase(Locale.ROOT));
        allowlist.refused("PEN-1", OTHER);
        assertEquals(List.of(new RefusedDevice("PEN-1", OTHER, NOW, NOW, 2)), paired.refusedDevices());
    }
}
