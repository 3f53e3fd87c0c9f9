package io.needleguard.pairing;

import java.util.Locale;
import java.util.regex.Pattern;

/** Bluetooth device addresses, written as BlueZ writes them: {@code AA:BB:CC:DD:EE:FF}. */
public final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");

    private Addresses() {}

    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text.toUpperCase(Locale.ROOT)).matches();
    }

    /** Upper case; rejects anything that is not an address. */
    public static String normalize(String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException("'" + address + "' is not a Bluetooth address (AA:BB:CC:DD:EE:FF)");
        }
        return address.toUpperCase(Locale.ROOT);
    }
}
