package io.needleguard.config;

import static io.needleguard.config.FieldChecks.valid;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code pens:} list: each pen's serial, owner and Bluetooth address. */
final class PensReader {

    private static final Pattern SERIAL = Pattern.compile("[\\x21-\\x7e]{1,16}");
    private static final Pattern ADDRESS = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

    private PensReader() {}

    /** @param ownerIds the owners there are, the first being whose a pen without {@code owner:} is */
    static List<GatewayConfig.Pen> read(JsonFields top, List<String> ownerIds, ErrorLog errors) {
        List<GatewayConfig.Pen> pens = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        FieldChecks.eachOf(
                top,
                "pens",
                "a list of pens, each with serial:",
                "a mapping with serial: and owner:",
                errors,
                p -> pen(p, ownerIds, seen).ifPresent(pens::add));
        return pens;
    }

    private static Optional<GatewayConfig.Pen> pen(JsonFields p, List<String> ownerIds, Set<String> seen) {
        p.allowOnly(List.of("serial", "owner", "address"));
        Optional<String> serial = p.text("serial", REQUIRED, "the pen's serial number as printed on it")
                .filter(v -> valid(
                        p, "serial", v, SERIAL.matcher(v).matches(), "1 to 16 printable characters without spaces"))
                .filter(v -> valid(p, "serial", v, seen.add(v), "each pen once; this serial is listed twice"));
        String owner = FieldChecks.owner(p, ownerIds);
        Optional<String> address = p.text("address", OPTIONAL, "a Bluetooth address such as AA:BB:CC:DD:EE:FF")
                .filter(v -> valid(
                        p,
                        "address",
                        v,
                        ADDRESS.matcher(v).matches(),
                        "six pairs of hex digits separated by ':', e.g. AA:BB:CC:DD:EE:FF"))
                .map(String::toUpperCase);
        return serial.map(s -> new GatewayConfig.Pen(s, owner, address));
    }
}
