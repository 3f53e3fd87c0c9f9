package io.needleguard.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PairedPens} does, run against each implementation. */
public abstract class PairedPensContract {

    private static final Instant T1 = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-03T18:30:00Z");

    protected PairedPens paired;
    private AutoCloseable closer;

    protected abstract PairedPens create();

    protected abstract AutoCloseable closer();

    @BeforeEach
    void open() {
        paired = create();
        closer = closer();
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    @Test
    void pairingAgainReplacesTheAddressAndEachPenIsReadByItsSerial() {
        paired.pair(new PairedPen("PEN-2", "C0:00:00:00:00:02", T1));
        paired.pair(new PairedPen("PEN-1", "c0:00:00:00:00:01", T1));
        paired.pair(new PairedPen("PEN-1", "C0:00:00:00:00:11", T2));

        assertEquals(
                List.of(
                        new PairedPen("PEN-1", "C0:00:00:00:00:11", T2),
                        new PairedPen("PEN-2", "C0:00:00:00:00:02", T1)),
                paired.pairedPens());
        assertEquals(Optional.of(new PairedPen("PEN-2", "C0:00:00:00:00:02", T1)), paired.pairedPen("PEN-2"));
        assertEquals(Optional.empty(), paired.pairedPen("PEN-3"));
    }

    @Test
    void forgettingSaysWhetherThePenWasPaired() {
        paired.pair(new PairedPen("PEN-1", "C0:00:00:00:00:01", T1));
        assertTrue(paired.forget("PEN-1"));
        assertFalse(paired.forget("PEN-1"));
        assertFalse(paired.forget("NEVER-PAIRED"));
        assertEquals(List.of(), paired.pairedPens());
    }

    @Test
    void aRefusedDeviceIsCountedWithItsFirstAndLastSightingMostRecentFirst() {
        paired.refused("PEN-1", "C0:00:00:00:00:66", T1);
        paired.refused("PEN-1", "C0:00:00:00:00:77", T1.plusSeconds(60));
        paired.refused("PEN-1", "C0:00:00:00:00:66", T2);

        assertEquals(
                List.of(
                        new RefusedDevice("PEN-1", "C0:00:00:00:00:66", T1, T2, 2),
                        new RefusedDevice("PEN-1", "C0:00:00:00:00:77", T1.plusSeconds(60), T1.plusSeconds(60), 1)),
                paired.refusedDevices());
    }
}
