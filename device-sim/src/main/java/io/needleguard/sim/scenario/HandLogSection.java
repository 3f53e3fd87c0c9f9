package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.household.Device;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code $.handLog}: sessions people log by hand during the scenario, each as the gateway's
 * {@code needleguard log} would take it, at the moment it is logged. Everything the gateway would
 * refuse is refused here first, with its JSON path, so a replay never stops halfway.
 */
final class HandLogSection {

    static final List<String> FIELDS =
            List.of("owner", "at", "area", "depthMm", "duration", "cartridge", "device", "loggedAt");

    private static final String OWNER_RULE = "the id of an owner, e.g. alex (default: the device's owner)";
    private static final String DEVICE_RULE = "the id of a device listed in $.devices, e.g. roller-1";
    private static final String LOGGED_RULE = "when it is logged, not before it is over: " + SessionsSection.AT_RULE;

    private HandLogSection() {}

    static List<ScenarioHandEntry> read(
            JsonFields top,
            Optional<OffsetDateTime> start,
            OwnersSection.Owners owners,
            DevicesSection.Devices devices,
            ErrorLog errors) {
        List<ScenarioHandEntry> entries = new ArrayList<>();
        Optional<ArrayNode> array = top.array("handLog", OPTIONAL, "an array of sessions logged by hand");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            int index = i;
            JsonFields.of(
                            array.get().get(i),
                            top.path("handLog") + "[" + i + "]",
                            errors,
                            "a hand entry object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> entry(fields, index, start, owners, devices, errors))
                    .ifPresent(entries::add);
        }
        checkLoggedOnce(entries, errors);
        return entries;
    }

    private static Optional<ScenarioHandEntry> entry(
            JsonFields fields,
            int index,
            Optional<OffsetDateTime> start,
            OwnersSection.Owners owners,
            DevicesSection.Devices devices,
            ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> deviceId = fields.text("device", OPTIONAL, DEVICE_RULE);
        deviceId.filter(id -> !devices.knows(id))
                .ifPresent(id -> fields.reject(
                        "device", JsonFields.quoted(id) + " is not a listed device; " + devices.allowed()));
        Optional<Device> device = deviceId.flatMap(devices::find);
        // A device that is unknown, or has an error of its own, cannot say whose the entry is or how deep:
        // one mistake, one message.
        boolean deviceUnusable = deviceId.isPresent() && device.isEmpty();
        Optional<String> owner = fields.has("owner")
                ? fields.text("owner", OPTIONAL, OWNER_RULE)
                : deviceUnusable
                        ? Optional.empty()
                        : Optional.of(device.map(Device::owner).orElse(ScenarioOwner.DEFAULT_ID));
        owner.filter(id -> !owners.knows(id))
                .ifPresent(id -> fields.reject(
                        "owner",
                        fields.has("owner")
                                ? JsonFields.quoted(id) + " is not an owner; " + owners.allowed()
                                : "required field is missing, as the default owner \"" + id + "\" is not in $.owners; "
                                        + owners.allowed()));
        Optional<Instant> at = fields.text("at", REQUIRED, SessionsSection.AT_RULE)
                .flatMap(text -> SessionsSection.time(fields, "at", text, start));
        Optional<Area> area = fields.text("area", REQUIRED, SessionsSection.AREA_RULE)
                .flatMap(text -> SessionsSection.area(fields, text));
        Optional<Depth> depth = deviceUnusable ? Optional.empty() : depth(fields, device);
        Optional<Duration> duration = fields.text("duration", OPTIONAL, SessionsSection.DURATION_RULE)
                .flatMap(text -> SessionsSection.duration(fields, text));
        boolean durationOk = !fields.has("duration") || duration.isPresent();
        String cartridge = fields.text("cartridge", OPTIONAL, SessionsSection.CARTRIDGE_RULE)
                .filter(id -> SessionsSection.cartridge(fields, id))
                .orElse("");
        Optional<Instant> end =
                at.filter(a -> durationOk).map(a -> duration.map(a::plus).orElse(a));
        Optional<Instant> loggedAt = fields.has("loggedAt")
                ? fields.text("loggedAt", OPTIONAL, LOGGED_RULE)
                        .flatMap(text -> SessionsSection.time(fields, "loggedAt", text, start))
                : end;
        if (fields.has("loggedAt")
                && loggedAt.isPresent()
                && end.isPresent()
                && loggedAt.get().isBefore(end.get())) {
            fields.reject(
                    "loggedAt",
                    "is before the session is over (" + end.get() + "); a session is logged once it has happened");
        }
        if (errors.count() > errorsBefore || at.isEmpty() || owner.isEmpty() || depth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioHandEntry(
                index,
                owner.orElseThrow(),
                at.get(),
                duration,
                area.orElseThrow(),
                depth.orElseThrow(),
                cartridge,
                deviceId,
                loggedAt.orElseThrow()));
    }

    /** The depth written, or a roller's needle length; a roller's depth cannot be another. */
    private static Optional<Depth> depth(JsonFields fields, Optional<Device> device) {
        Optional<Depth> fixed = device.flatMap(Device::needleLength);
        Optional<Depth> written = fields.decimal(
                        "depthMm", fixed.isPresent() ? OPTIONAL : REQUIRED, SessionsSection.DEPTH_RULE)
                .flatMap(mm -> SessionsSection.depth(fields, mm));
        if (written.isPresent() && written.get().hundredthsMm() == 0) {
            fields.reject("depthMm", "0 is no needling; use " + SessionsSection.DEPTH_RULE);
            return Optional.empty();
        }
        if (fixed.isPresent() && written.isPresent() && !written.get().equals(fixed.get())) {
            fields.reject(
                    "depthMm",
                    written.get().mm().toPlainString() + " is not the needle length of "
                            + device.get().id() + " (" + fixed.get().mm().toPlainString()
                            + "); leave \"depthMm\" out for a roller");
            return Optional.empty();
        }
        return written.or(() -> fixed);
    }

    /** One person does not needle one area twice in the same second: that is one entry written twice. */
    private static void checkLoggedOnce(List<ScenarioHandEntry> entries, ErrorLog errors) {
        Map<String, ScenarioHandEntry> seen = new HashMap<>();
        for (ScenarioHandEntry e : entries) {
            ScenarioHandEntry first = seen.putIfAbsent(e.owner() + "/" + e.area() + "/" + e.start(), e);
            if (first != null) {
                errors.add(
                        e.jsonPath(),
                        "is the same session as " + first.jsonPath() + " (" + e.owner() + ", " + e.area() + ", "
                                + e.start() + "); log it once");
            }
        }
    }
}
