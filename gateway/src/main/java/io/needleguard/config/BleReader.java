package io.needleguard.config;

import static io.needleguard.config.FieldChecks.valid;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.json.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code ble:} section: the Bluetooth backend and its options. */
final class BleReader {

    private static final Pattern BACKEND = Pattern.compile("[a-z0-9-]+");

    private BleReader() {}

    static GatewayConfig.Ble read(JsonFields f) {
        f.allowOnly(List.of("backend", "options"));
        String backend = f.text("backend", OPTIONAL, "the id of a Bluetooth backend: auto, tinyb, dbus or sim")
                .filter(b -> valid(
                        f,
                        "backend",
                        b,
                        BACKEND.matcher(b).matches(),
                        "lower-case letters, digits and '-', e.g. auto, tinyb, dbus or sim"))
                .orElse(GatewayConfig.Ble.DEFAULT_BACKEND);
        Map<String, String> options = new LinkedHashMap<>();
        f.object("options", OPTIONAL, "a mapping of option names to values").ifPresent(o -> {
            for (String name : o.names()) {
                JsonNode value = o.raw(name);
                if (value.isValueNode() && !value.isNull()) {
                    options.put(name, value.asText());
                } else {
                    o.reject(
                            name,
                            "an option is a single value (text, number or true/false), not a list, mapping or null");
                }
            }
        });
        return new GatewayConfig.Ble(backend, options);
    }
}
