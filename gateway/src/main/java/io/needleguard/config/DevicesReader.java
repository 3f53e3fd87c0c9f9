package io.needleguard.config;

import static io.needleguard.config.FieldChecks.parsed;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import io.needleguard.household.Device;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import io.needleguard.text.RefusedValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code devices:} list: devices without Bluetooth, each with its kind, owner and needles. */
final class DevicesReader {

    private DevicesReader() {}

    /**
     * Devices without Bluetooth whose sessions are logged by hand: a roller with its needle length, or a
     * pen (its depth is set per session).
     *
     * @param ownerIds the owners there are, the first being whose a device without {@code owner:} is
     */
    static List<Device> read(JsonFields top, List<String> ownerIds, ErrorLog errors) {
        List<Device> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        FieldChecks.eachOf(
                top,
                "devices",
                "a list of devices without Bluetooth, each with id:, kind: and owner:",
                "a mapping with id:, kind: and owner:",
                errors,
                d -> device(d, ownerIds, seen).ifPresent(devices::add));
        return devices;
    }

    private static Optional<Device> device(JsonFields d, List<String> ownerIds, Set<String> seen) {
        d.allowOnly(List.of("id", "kind", "owner", "needle-length-mm"));
        Optional<String> id = FieldChecks.id(d, seen, "device", "roller-1");
        Optional<Device.Kind> kind =
                d.text("kind", REQUIRED, "roller or pen").flatMap(k -> parsed(d, "kind", k, Device.Kind::parse));
        String owner = FieldChecks.owner(d, ownerIds);
        Optional<Depth> length = needleLength(d);
        if (kind.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        if (kind.get() == Device.Kind.ROLLER && length.isEmpty() && !d.has("needle-length-mm")) {
            d.reject("needle-length-mm", "is missing: a roller's needles have one length, e.g. needle-length-mm: 0.5");
            return Optional.empty();
        }
        if (kind.get() == Device.Kind.PEN && d.has("needle-length-mm")) {
            d.reject(
                    "needle-length-mm",
                    "is for rollers: a pen's depth is set for each session (give it when you log one); remove this"
                            + " key, or make the kind roller");
            return Optional.empty();
        }
        return length.isEmpty() && kind.get() == Device.Kind.ROLLER
                ? Optional.empty()
                : Optional.of(new Device(id.get(), kind.get(), owner, length));
    }

    private static Optional<Depth> needleLength(JsonFields d) {
        Optional<BigDecimal> mm = d.decimal("needle-length-mm", OPTIONAL, Device.NEEDLE_LENGTH_RANGE);
        if (mm.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Device.needleLength(mm.get()));
        } catch (RefusedValue e) {
            d.reject("needle-length-mm", Quote.number(mm.get()) + e.reason());
            return Optional.empty();
        }
    }
}
