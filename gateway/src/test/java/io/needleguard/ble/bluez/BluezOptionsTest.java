package io.needleguard.ble.bluez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.ble.BleOptionsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options both BlueZ backends take, and how a wrong one is named. */
class BluezOptionsTest {

    private static final String TAKEN_BY = "the tinyb backend; it takes";

    @Test
    void defaultsAreTheFirstAdapterAndNinetySeconds() {
        BluezOptions defaults = BluezOptions.of(Map.of(), TAKEN_BY);
        assertEquals("hci0", defaults.adapter());
        assertEquals(Duration.ofSeconds(90), defaults.giveUpAfter());
        assertEquals(
                new BluezOptions("hci1", Duration.ofSeconds(5)),
                BluezOptions.of(Map.of("adapter", "hci1", "bluez-gone-exit-seconds", "5"), TAKEN_BY));
    }

    @Test
    void anUnknownOptionIsNamedWithWhatTheBackendTakes() {
        BleOptionsException unknown =
                assertThrows(BleOptionsException.class, () -> BluezOptions.of(Map.of("adaptor", "hci0"), TAKEN_BY));
        assertEquals(
                "ble.options.adaptor: not an option of the tinyb backend; it takes: adapter (e.g. hci0), "
                        + "bluez-gone-exit-seconds (how long BlueZ may be gone before needleguard exits for a restart,"
                        + " default 90)",
                unknown.getMessage());
    }

    @Test
    void wrongValuesAreRefusedWithTheFix() {
        BleOptionsException adapter =
                assertThrows(BleOptionsException.class, () -> BluezOptions.of(Map.of("adapter", "usb0"), TAKEN_BY));
        assertEquals("ble.options.adapter: 'usb0' is not an adapter name; use hci0, hci1...", adapter.getMessage());
        for (String seconds : new String[] {"soon", "0", "-3", "1.5"}) {
            BleOptionsException e = assertThrows(
                    BleOptionsException.class,
                    () -> BluezOptions.of(Map.of("bluez-gone-exit-seconds", seconds), TAKEN_BY));
            assertTrue(
                    e.getMessage()
                            .equals("ble.options.bluez-gone-exit-seconds: '" + seconds
                                    + "' is not a whole number of seconds (1 or more)"),
                    e.getMessage());
        }
    }
}
