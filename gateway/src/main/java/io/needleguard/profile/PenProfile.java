package io.needleguard.profile;

import java.util.UUID;

/**
 * The UUIDs of pen profile v1 (src/docs/pen-profile.md). Standard services use the Bluetooth SIG's
 * 16-bit ids; the pen service and its characteristics share one 128-bit base.
 */
public final class PenProfile {

    /** The version byte every v1 data frame starts with. */
    public static final int VERSION = 1;

    public static final UUID SERVICE = pen(0xa000);
    public static final UUID STATUS = pen(0xa001);
    public static final UUID SESSION_RECORD = pen(0xa002);
    public static final UUID TIME_SYNC = pen(0xa003);
    public static final UUID AREA = pen(0xa004);
    public static final UUID RECORD_ACCESS = pen(0xa005);

    public static final UUID DEVICE_INFORMATION = sig(0x180a);
    public static final UUID MODEL_NUMBER = sig(0x2a24);
    public static final UUID SERIAL_NUMBER = sig(0x2a25);
    public static final UUID FIRMWARE_REVISION = sig(0x2a26);
    public static final UUID MANUFACTURER_NAME = sig(0x2a29);

    public static final UUID BATTERY_SERVICE = sig(0x180f);
    public static final UUID BATTERY_LEVEL = sig(0x2a19);

    private PenProfile() {}

    /** A Bluetooth SIG 16-bit id on the Bluetooth base UUID. */
    public static UUID sig(int shortId) {
        return UUID.fromString(String.format("0000%04x-0000-1000-8000-00805f9b34fb", shortId));
    }

    private static UUID pen(int shortId) {
        return UUID.fromString(String.format("4e47%04x-5d3c-4c8e-8f5a-6e6565646c65", shortId));
    }
}
