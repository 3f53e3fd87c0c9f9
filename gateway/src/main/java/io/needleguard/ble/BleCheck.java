package io.needleguard.ble;

import java.util.Objects;

/**
 * One finding of {@code needleguard doctor} about Bluetooth: what was checked, and either what was
 * found or what is wrong and how to fix it.
 *
 * @param name   what was checked, e.g. {@code bluez}
 * @param ok     whether it is as needleguard needs it
 * @param detail what was found (ok), or the problem (not ok)
 * @param fix    what to do about the problem; empty when ok
 */
public record BleCheck(String name, boolean ok, String detail, String fix) {

    public BleCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    public static BleCheck ok(String name, String detail) {
        return new BleCheck(name, true, detail, "");
    }

    public static BleCheck failed(String name, String problem, String fix) {
        return new BleCheck(name, false, problem, fix);
    }
}
