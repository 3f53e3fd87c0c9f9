package io.needleguard.link;

import static io.needleguard.profile.PenProfile.DEVICE_INFORMATION;
import static io.needleguard.profile.PenProfile.FIRMWARE_REVISION;
import static io.needleguard.profile.PenProfile.MODEL_NUMBER;
import static io.needleguard.profile.PenProfile.SERIAL_NUMBER;

import io.needleguard.ble.BleConnection;
import io.needleguard.ble.BleException;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.PenCodec;

/** Who a pen says it is, read from its Device Information service, and where it was found. */
public record PenIdentity(String serial, String model, String firmware, String address) {

    /** Reads the identity of the pen at the other end of {@code connection}. */
    public static PenIdentity read(BleConnection connection) throws BleException, FrameException {
        return new PenIdentity(
                PenCodec.decodeString(connection.read(DEVICE_INFORMATION, SERIAL_NUMBER)),
                PenCodec.decodeString(connection.read(DEVICE_INFORMATION, MODEL_NUMBER)),
                PenCodec.decodeString(connection.read(DEVICE_INFORMATION, FIRMWARE_REVISION)),
                connection.address());
    }
}
