package io.needleguard.ble.tinyb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.needleguard.ble.BleException;
import io.needleguard.ble.BlockingCalls;
import io.needleguard.profile.PenProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockMakers;
import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothNotification;
import tinyb.TinybErrors;

/**
 * The TinyB adapter's error paths, against TinyB's own objects mocked with Mockito (their methods are
 * native: no fake of ours can stand in): BlueZ errors, a call that never returns, a refused write, a
 * disconnect that fails, and notification buffers TinyB reuses.
 */
class TinybConnectionTest {

    private static final String ADDRESS = "C0:00:00:00:00:01";
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final BlockingCalls calls = new BlockingCalls("tinyb", 2, TinybProblems::describe);
    private final BluetoothDevice device = tinybMock(BluetoothDevice.class);
    private final BluetoothGattCharacteristic status = tinybMock(BluetoothGattCharacteristic.class);
    private final BluetoothGattCharacteristic area = tinybMock(BluetoothGattCharacteristic.class);
    private final CountDownLatch never = new CountDownLatch(1);

    private final TinybConnection connection = new TinybConnection(
            device,
            ADDRESS,
            Map.of(
                    key(PenProfile.SERVICE.toString()),
                    Map.of(
                            key(PenProfile.STATUS.toString()), status,
                            key(PenProfile.AREA.toString()), area)),
            calls,
            TIMEOUT);

    /**
     * TinyB's methods are native: the inline mock maker would still call the native code, so these
     * mocks are subclasses, which override native methods like any other.
     */
    private static <T> T tinybMock(Class<T> type) {
        return mock(type, withSettings().mockMaker(MockMakers.SUBCLASS));
    }

    private static String key(String uuid) {
        return uuid.toLowerCase(Locale.ROOT);
    }

    @AfterEach
    void close() {
        never.countDown();
        calls.close();
    }

    @Test
    void aBluezErrorBecomesAMessageThatSaysWhatFailed() {
        when(status.readValue()).thenThrow(TinybErrors.bluez("GDBus.Error:org.bluez.Error.Failed: Not connected"));

        BleException e = assertThrows(BleException.class, () -> connection.read(PenProfile.SERVICE, PenProfile.STATUS));

        assertEquals(
                ADDRESS + ": read " + PenProfile.STATUS + ": GDBus.Error:org.bluez.Error.Failed: Not connected",
                e.getMessage());
    }

    @Test
    void aCallBlueZNeverAnswersEndsAtOurTimeoutNotTinybs() throws Exception {
        when(status.readValue()).thenAnswer(inv -> {
            never.await();
            return new byte[0];
        });
        long started = System.nanoTime();

        BleException e = assertThrows(BleException.class, () -> connection.read(PenProfile.SERVICE, PenProfile.STATUS));

        assertTrue(e.getMessage().contains("no answer from BlueZ within"), e.getMessage());
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                "the caller waited for our timeout only");
    }

    @Test
    void aWriteThePenRefusesIsAnError() {
        when(area.writeValue(any())).thenReturn(false);
        BleException e = assertThrows(
                BleException.class, () -> connection.write(PenProfile.SERVICE, PenProfile.AREA, new byte[] {3}));
        assertEquals(ADDRESS + ": the pen refused the write to " + PenProfile.AREA, e.getMessage());
    }

    @Test
    void aCharacteristicThePenDoesNotHaveIsNamed() {
        BleException e = assertThrows(
                BleException.class, () -> connection.read(PenProfile.BATTERY_SERVICE, PenProfile.BATTERY_LEVEL));
        assertTrue(e.getMessage().contains("has no characteristic " + PenProfile.BATTERY_LEVEL), e.getMessage());
        assertTrue(e.getMessage().endsWith("is it a needleguard pen?"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void notificationsAreCopiedBeforeTinybReusesItsBuffer() throws Exception {
        List<BluetoothNotification<byte[]>> subscribed = new ArrayList<>();
        doAnswer(inv -> {
                    subscribed.add(inv.getArgument(0));
                    return null;
                })
                .when(status)
                .enableValueNotifications(any());
        List<byte[]> received = new ArrayList<>();
        connection.subscribe(PenProfile.SERVICE, PenProfile.STATUS, received::add);

        byte[] buffer = {1, 2, 3};
        subscribed.get(0).run(buffer);
        buffer[0] = 9; // TinyB's next notification writes into the same array

        assertArrayEquals(new byte[] {1, 2, 3}, received.get(0));
    }

    @Test
    void aDisconnectThatFailsStillEndsTheLinkOnceAndNeverThrows() {
        doThrow(TinybErrors.bluez("GDBus.Error:org.bluez.Error.NotConnected: Not Connected"))
                .when(device)
                .disconnect();
        AtomicInteger dropped = new AtomicInteger();
        connection.onDisconnect(dropped::incrementAndGet);

        connection.close();
        connection.close();
        connection.lost();

        assertEquals(1, dropped.get());
        assertFalse(connection.isConnected());
        verify(device, times(1)).disconnect();
    }
}
