package io.needleguard.sim.bluez;

import static io.needleguard.profile.PenProfile.AREA;
import static io.needleguard.profile.PenProfile.BATTERY_LEVEL;
import static io.needleguard.profile.PenProfile.BATTERY_SERVICE;
import static io.needleguard.profile.PenProfile.DEVICE_INFORMATION;
import static io.needleguard.profile.PenProfile.FIRMWARE_REVISION;
import static io.needleguard.profile.PenProfile.MANUFACTURER_NAME;
import static io.needleguard.profile.PenProfile.MODEL_NUMBER;
import static io.needleguard.profile.PenProfile.RECORD_ACCESS;
import static io.needleguard.profile.PenProfile.SERIAL_NUMBER;
import static io.needleguard.profile.PenProfile.SERVICE;
import static io.needleguard.profile.PenProfile.SESSION_RECORD;
import static io.needleguard.profile.PenProfile.STATUS;
import static io.needleguard.profile.PenProfile.TIME_SYNC;

import java.util.List;
import java.util.UUID;

/** A pen's GATT database as BlueZ would resolve it: the table in src/docs/pen-profile.md, with BlueZ's flag names. */
final class PenGattTable {

    record Characteristic(UUID uuid, List<String> flags) {}

    record Service(UUID uuid, List<Characteristic> characteristics) {}

    static final List<Service> SERVICES = List.of(
            new Service(
                    DEVICE_INFORMATION,
                    List.of(
                            new Characteristic(MODEL_NUMBER, List.of("read")),
                            new Characteristic(SERIAL_NUMBER, List.of("read")),
                            new Characteristic(FIRMWARE_REVISION, List.of("read")),
                            new Characteristic(MANUFACTURER_NAME, List.of("read")))),
            new Service(BATTERY_SERVICE, List.of(new Characteristic(BATTERY_LEVEL, List.of("read", "notify")))),
            new Service(
                    SERVICE,
                    List.of(
                            new Characteristic(STATUS, List.of("read", "notify")),
                            new Characteristic(SESSION_RECORD, List.of("notify")),
                            new Characteristic(TIME_SYNC, List.of("read", "write")),
                            new Characteristic(AREA, List.of("read", "write")),
                            new Characteristic(RECORD_ACCESS, List.of("write", "indicate")))));

    private PenGattTable() {}
}
