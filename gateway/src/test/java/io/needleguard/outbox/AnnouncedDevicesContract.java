package io.needleguard.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.outbox.AnnouncedDevices.Device;
import io.needleguard.outbox.AnnouncedDevices.Identity;
import io.needleguard.outbox.AnnouncedDevices.Legacy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AnnouncedDevices} keeps: the SQLite adapter, and the fake the other tests use. */
public abstract class AnnouncedDevicesContract {

    private AnnouncedDevices announced;

    protected abstract AnnouncedDevices create() throws Exception;

    /** Records {@code serial} as the first versions did: announced one entity at a time. */
    protected abstract void announcedTheOldWay(String serial) throws Exception;

    protected AutoCloseable closer() {
        return () -> {};
    }

    @BeforeEach
    void open() throws Exception {
        announced = create();
    }

    @AfterEach
    void close() throws Exception {
        closer().close();
    }

    @Test
    void aDeviceIsKeptWithItsLastConfigUntilWithdrawn() {
        announced.announced(new Device("needleguard_PEN_1_aa", "pen", "PEN:1", "{\"a\":1}"));
        announced.announced(new Device("needleguard_gateway_bb", "gateway", "needleguard", "{}"));
        announced.announced(new Device("needleguard_PEN_1_aa", "pen", "PEN:1", "{\"a\":2}"));

        assertEquals(
                List.of("needleguard_PEN_1_aa", "needleguard_gateway_bb"),
                List.copyOf(announced.devices().keySet()));
        assertEquals(
                "{\"a\":2}", announced.devices().get("needleguard_PEN_1_aa").config());

        announced.withdrawn("needleguard_PEN_1_aa");
        announced.withdrawn("never-announced");
        assertEquals(
                List.of("needleguard_gateway_bb"),
                List.copyOf(announced.devices().keySet()));
    }

    @Test
    void aPensIdentityIsItsLatest() {
        assertEquals(Optional.empty(), announced.identity("PEN-1"));
        announced.identified(new Identity("PEN-1", "a1", "1.0", "C0:00:00:00:00:01"));
        announced.identified(new Identity("PEN-1", "a1", "1.1", null));
        assertEquals(Optional.of(new Identity("PEN-1", "a1", "1.1", null)), announced.identity("PEN-1"));
    }

    @Test
    void aLegacyPenIsMigratedThenCleared() throws Exception {
        announcedTheOldWay("PEN-1");
        announcedTheOldWay("PEN-2");
        assertEquals(Map.of("PEN-1", Legacy.ANNOUNCED, "PEN-2", Legacy.ANNOUNCED), announced.legacyPens());

        announced.legacyMigrated("PEN-1");
        announced.legacyMigrated("PEN-3"); // never announced the old way: nothing to migrate
        assertEquals(Map.of("PEN-1", Legacy.MIGRATED, "PEN-2", Legacy.ANNOUNCED), announced.legacyPens());

        announced.legacyCleared("PEN-1");
        announced.legacyCleared("PEN-2");
        assertEquals(Map.of(), announced.legacyPens());
    }
}
