package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.household.Device;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code $.devices}: devices without Bluetooth whose sessions are logged by hand, as in the
 * gateway's configuration (a roller with its needle length, or a pen).
 */
final class DevicesSection {

    static final List<String> FIELDS = List.of("id", "kind", "owner", "needleLengthMm");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String ID_RULE =
            "a device id: a lowercase letter or digit, then up to 31 lowercase letters, digits or '-', e.g. roller-1";
    private static final String KIND_RULE = "one of: " + Device.Kind.allIds();
    private static final String OWNER_RULE = "the id of an owner, e.g. alex";
    private static final String LENGTH_RULE = "a roller's needle length in mm, from 0.01 to 3.00, e.g. 0.5";

    /**
     * @param declared every id written in the file, valid or not, so that a hand entry naming a device
     *                 whose entry has an error is not reported a second time
     */
    record Devices(List<Device> devices, Map<String, String> declared) {

        boolean knows(String id) {
            return declared.containsKey(id);
        }

        Optional<Device> find(String id) {
            return devices.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        String allowed() {
            return declared.isEmpty()
                    ? "the file has no \"devices\"; list the device there"
                    : "use one of: " + Quote.list(declared.keySet());
        }
    }

    private DevicesSection() {}

    static Devices read(JsonFields top, OwnersSection.Owners owners, ErrorLog errors) {
        List<Device> devices = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        Optional<ArrayNode> array = top.array(
                "devices", OPTIONAL, "an array of devices: {\"id\", \"kind\", \"owner\", \"needleLengthMm\"}");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            JsonFields.of(
                            array.get().get(i),
                            top.path("devices") + "[" + i + "]",
                            errors,
                            "a device object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> device(fields, declared, owners, errors))
                    .ifPresent(devices::add);
        }
        return new Devices(devices, declared);
    }

    private static Optional<Device> device(
            JsonFields fields, Map<String, String> declared, OwnersSection.Owners owners, ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> id = fields.text("id", REQUIRED, ID_RULE);
        id.ifPresent(text -> {
            if (!ID.matcher(text).matches()) {
                fields.reject("id", JsonFields.quoted(text) + " is not a device id; use " + ID_RULE);
            } else if (declared.containsKey(text)) {
                fields.reject(
                        "id",
                        JsonFields.quoted(text) + " is already the id of " + declared.get(text)
                                + "; device ids must be unique");
            }
            declared.putIfAbsent(text, fields.path());
        });
        Optional<Device.Kind> kind = fields.text("kind", REQUIRED, KIND_RULE).flatMap(text -> {
            Optional<Device.Kind> known = Device.Kind.fromId(text);
            if (known.isEmpty()) {
                fields.reject("kind", JsonFields.quoted(text) + " is not a kind of device; use " + KIND_RULE);
            }
            return known;
        });
        // As for pens: without "owner", the default owner "me".
        Optional<String> owner = fields.has("owner")
                ? fields.text("owner", OPTIONAL, OWNER_RULE)
                : Optional.of(ScenarioOwner.DEFAULT_ID);
        owner.filter(o -> !owners.knows(o))
                .ifPresent(o -> fields.reject(
                        "owner",
                        fields.has("owner")
                                ? JsonFields.quoted(o) + " is not an owner; " + owners.allowed()
                                : "required field is missing, as the default owner \"" + o + "\" is not in $.owners; "
                                        + owners.allowed()));
        Optional<Depth> length =
                fields.decimal("needleLengthMm", OPTIONAL, LENGTH_RULE).flatMap(mm -> length(fields, mm));
        kind.ifPresent(k -> {
            if (k == Device.Kind.ROLLER && !fields.has("needleLengthMm")) {
                fields.reject(
                        "needleLengthMm",
                        "required field is missing: a roller's needles have one length; use " + LENGTH_RULE);
            } else if (k == Device.Kind.PEN && fields.has("needleLengthMm")) {
                fields.reject(
                        "needleLengthMm",
                        "is for rollers: a pen's depth is set for each session; leave it out, or make the kind roller");
            }
        });
        if (errors.count() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Device(id.orElseThrow(), kind.orElseThrow(), owner.orElseThrow(), length));
    }

    private static Optional<Depth> length(JsonFields fields, BigDecimal mm) {
        if (mm.signum() <= 0
                || mm.compareTo(new BigDecimal("3.00")) > 0
                || mm.stripTrailingZeros().scale() > 2) {
            fields.reject("needleLengthMm", Quote.number(mm) + " is not allowed; use " + LENGTH_RULE);
            return Optional.empty();
        }
        return Optional.of(Depth.ofMm(mm));
    }
}
