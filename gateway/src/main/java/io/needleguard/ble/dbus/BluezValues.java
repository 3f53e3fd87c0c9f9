package io.needleguard.ble.dbus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/** BlueZ's property values as plain Java: variants unwrapped, byte arrays as {@code byte[]}, arrays as lists. */
final class BluezValues {

    private BluezValues() {}

    static Map<String, Object> unwrap(Map<String, Variant<?>> properties) {
        Map<String, Object> plain = new HashMap<>();
        properties.forEach((name, value) -> plain.put(name, unwrap(value)));
        return plain;
    }

    private static Object unwrap(Object value) {
        if (value instanceof Variant<?> variant) {
            return unwrap(variant.getValue());
        }
        if (value instanceof Byte[] boxed) {
            byte[] bytes = new byte[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                bytes[i] = boxed[i];
            }
            return bytes;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value;
    }

    /** A value of type {@code ay}, however dbus-java hands it over (byte[], Byte[] or a list of bytes). */
    static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof List<?> list && list.stream().allMatch(Byte.class::isInstance)) {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (Byte) list.get(i);
            }
            return bytes;
        }
        return null;
    }
}
