package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.profile.PenCodec;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.text.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code $.sessions}: each session within what a pen profile frame can carry, on a listed pen,
 * and no two sessions of one pen at the same time. Order in the file does not matter.
 */
final class SessionsSection {

    static final List<String> FIELDS =
            List.of("pen", "at", "area", "depthMm", "strokeHz", "duration", "cartridge", "offline");
    static final Duration LONGEST = Duration.ofHours(4);
    private static final BigDecimal DEEPEST_MM = BigDecimal.valueOf(PenCodec.MAX_DEPTH_HUNDREDTHS, 2);
    /** The last second a pen's unsigned 32-bit Unix clock can count (2106-02-07T06:28:15Z). */
    private static final Instant PEN_CLOCK_END = Instant.ofEpochSecond(0xFFFF_FFFFL);

    private static final String PEN_RULE = "the serial of a listed pen, e.g. SIM-0001";
    static final String AT_RULE =
            "a duration after the scenario's start, e.g. P3DT1H, or a date-time with offset, e.g. "
                    + IsoTime.DATE_TIME_EXAMPLE;
    static final String AREA_RULE = "one of: " + Area.allIds();
    static final String DEPTH_RULE =
            "a number of mm from 0 to " + DEEPEST_MM.toPlainString() + " with at most two decimals, e.g. 0.5";
    private static final String HZ_RULE =
            "a whole number of strokes per second from 0 to " + PenCodec.MAX_STROKE_HZ + ", e.g. 120";
    static final String DURATION_RULE =
            "a duration longer than zero and at most " + LONGEST + ", in whole seconds, e.g. PT10M";
    static final String CARTRIDGE_RULE = "a cartridge id of up to " + PenCodec.MAX_CARTRIDGE_LENGTH
            + " printable ASCII characters without spaces, e.g. C-0001, or \"\" when the pen could not read one";
    private static final String OFFLINE_RULE =
            "true or false (the default): whether the pen is out of the gateway's range";

    private SessionsSection() {}

    /** @param start the scenario's start, empty when unusable: then relative times cannot be resolved */
    static List<ScenarioSession> read(
            JsonFields top, Optional<OffsetDateTime> start, PensSection.Pens pens, ErrorLog errors) {
        List<ScenarioSession> sessions = new ArrayList<>();
        Optional<ArrayNode> array = top.array("sessions", REQUIRED, "an array of sessions, possibly empty");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            int index = i;
            JsonFields.of(
                            array.get().get(i),
                            top.path("sessions") + "[" + i + "]",
                            errors,
                            "a session object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> session(fields, index, start, pens, errors))
                    .ifPresent(sessions::add);
        }
        start.ifPresent(s -> checkOneThingAtATime(sessions, s.getOffset(), errors));
        return sessions;
    }

    private static Optional<ScenarioSession> session(
            JsonFields fields, int index, Optional<OffsetDateTime> start, PensSection.Pens pens, ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> pen = fields.text("pen", REQUIRED, PEN_RULE);
        pen.filter(serial -> !pens.knows(serial))
                .ifPresent(serial ->
                        fields.reject("pen", JsonFields.quoted(serial) + " is not a listed pen; " + pens.allowed()));
        Optional<Instant> at = fields.text("at", REQUIRED, AT_RULE).flatMap(text -> time(fields, "at", text, start));
        Optional<Area> area = fields.text("area", REQUIRED, AREA_RULE).flatMap(text -> area(fields, text));
        Optional<Depth> depth = fields.decimal("depthMm", REQUIRED, DEPTH_RULE).flatMap(mm -> depth(fields, mm));
        Optional<Integer> strokeHz =
                fields.integer("strokeHz", REQUIRED, HZ_RULE).flatMap(hz -> strokeHz(fields, hz));
        Optional<Duration> duration =
                fields.text("duration", REQUIRED, DURATION_RULE).flatMap(text -> duration(fields, text));
        Optional<String> cartridge =
                fields.text("cartridge", REQUIRED, CARTRIDGE_RULE).filter(id -> cartridge(fields, id));
        boolean offline = fields.bool("offline", OPTIONAL, OFFLINE_RULE).orElse(false);
        if (at.isPresent()
                && duration.isPresent()
                && at.get().plus(duration.get()).isAfter(PEN_CLOCK_END)) {
            fields.reject(
                    "at",
                    "ends after " + PEN_CLOCK_END + ", the last second a pen's clock can count; use an earlier time");
        }
        if (errors.count() > errorsBefore || at.isEmpty()) {
            return Optional.empty();
        }
        Instant sessionStart = at.get();
        return Optional.of(new ScenarioSession(
                index,
                pen.orElseThrow(),
                sessionStart,
                sessionStart.plus(duration.orElseThrow()),
                area.orElseThrow(),
                depth.orElseThrow(),
                strokeHz.orElseThrow(),
                cartridge.orElseThrow(),
                offline));
    }

    /** A time in the scenario, in {@code field}: a duration after its start, or a date-time with offset. */
    static Optional<Instant> time(JsonFields fields, String field, String text, Optional<OffsetDateTime> start) {
        Optional<Duration> afterStart = IsoTime.duration(text);
        if (afterStart.isPresent()) {
            if (afterStart.get().isNegative()) {
                fields.reject(field, JsonFields.quoted(text) + " is negative; use " + AT_RULE);
                return Optional.empty();
            }
            if (IsoTime.hasFractionOfSecond(afterStart.get())) {
                fields.reject(
                        field,
                        JsonFields.quoted(text) + " has a fraction of a second, which pens do not record; use "
                                + AT_RULE);
                return Optional.empty();
            }
            // Checked before the addition, which overflows for P106751991167300D (and any start near the end of
            // the calendar): no time after a pen clock's last second can be replayed anyway.
            if (afterStart.get().compareTo(Duration.between(Instant.EPOCH, PEN_CLOCK_END)) > 0
                    || start.filter(s -> s.toInstant().isAfter(PEN_CLOCK_END)).isPresent()) {
                fields.reject(
                        field,
                        JsonFields.quoted(text) + " comes after " + PEN_CLOCK_END
                                + ", the last second a pen's clock can count; use " + AT_RULE);
                return Optional.empty();
            }
            return start.map(s -> s.toInstant().plus(afterStart.get()));
        }
        Optional<OffsetDateTime> absolute = IsoTime.dateTime(text);
        if (absolute.isEmpty()) {
            String problem = IsoTime.lacksOffset(text) ? " has no offset" : " is neither a duration nor a date-time";
            fields.reject(field, JsonFields.quoted(text) + problem + "; use " + AT_RULE);
            return Optional.empty();
        }
        if (absolute.get().getNano() != 0) {
            fields.reject(
                    field,
                    JsonFields.quoted(text) + " has a fraction of a second, which pens do not record; use " + AT_RULE);
            return Optional.empty();
        }
        if (start.isPresent() && absolute.get().isBefore(start.get())) {
            fields.reject(
                    field,
                    JsonFields.quoted(text) + " is before the scenario's start (" + start.get() + "); use " + AT_RULE);
            return Optional.empty();
        }
        return absolute.map(OffsetDateTime::toInstant);
    }

    static Optional<Area> area(JsonFields fields, String text) {
        Optional<Area> area = Area.fromId(text);
        if (area.isEmpty()) {
            fields.reject("area", JsonFields.quoted(text) + " is not an area; use " + AREA_RULE);
        }
        return area;
    }

    static Optional<Depth> depth(JsonFields fields, BigDecimal mm) {
        String problem = mm.signum() < 0
                ? "is negative"
                : mm.compareTo(DEEPEST_MM) > 0
                        ? "is deeper than a pen goes"
                        : mm.stripTrailingZeros().scale() > 2
                                ? "has more than two decimals (pens set depth in hundredths of a mm)"
                                : null;
        if (problem != null) {
            fields.reject("depthMm", Quote.number(mm) + " " + problem + "; use " + DEPTH_RULE);
            return Optional.empty();
        }
        return Optional.of(Depth.ofMm(mm));
    }

    private static Optional<Integer> strokeHz(JsonFields fields, long hz) {
        if (hz < 0 || hz > PenCodec.MAX_STROKE_HZ) {
            fields.reject(
                    "strokeHz", hz + (hz < 0 ? " is negative" : " is above what a pen reports") + "; use " + HZ_RULE);
            return Optional.empty();
        }
        return Optional.of((int) hz);
    }

    static Optional<Duration> duration(JsonFields fields, String text) {
        Optional<Duration> duration = IsoTime.duration(text);
        String problem = duration.isEmpty()
                ? "is not a duration"
                : duration.get().isNegative() || duration.get().isZero()
                        ? "is not longer than zero"
                        : duration.get().compareTo(LONGEST) > 0
                                ? "is longer than " + LONGEST
                                : IsoTime.hasFractionOfSecond(duration.get())
                                        ? "has a fraction of a second, which pens do not record"
                                        : null;
        if (problem != null) {
            fields.reject("duration", JsonFields.quoted(text) + " " + problem + "; use " + DURATION_RULE);
            return Optional.empty();
        }
        return duration;
    }

    static boolean cartridge(JsonFields fields, String id) {
        Optional<String> problem = PrintableAscii.problem(id, 0, PenCodec.MAX_CARTRIDGE_LENGTH);
        problem.ifPresent(p -> fields.reject("cartridge", JsonFields.quoted(id) + " " + p + "; use " + CARTRIDGE_RULE));
        return problem.isEmpty();
    }

    /** A pen does one thing at a time: a session may start when the pen's previous one has ended. */
    private static void checkOneThingAtATime(List<ScenarioSession> sessions, ZoneOffset shownIn, ErrorLog errors) {
        Map<Integer, String> overlaps = new TreeMap<>();
        Map<String, ScenarioSession> busyUntil = new TreeMap<>();
        for (ScenarioSession session :
                sessions.stream().sorted(Scenario.TIME_ORDER).toList()) {
            ScenarioSession busy = busyUntil.get(session.pen());
            if (busy != null && session.start().isBefore(busy.end())) {
                overlaps.put(
                        session.index(),
                        "overlaps " + busy.jsonPath() + ", which keeps " + session.pen() + " busy from "
                                + shown(busy.start(), shownIn) + " to " + shown(busy.end(), shownIn)
                                + "; a pen does one thing at a time, so start this session at "
                                + shown(busy.end(), shownIn) + " or later");
            }
            if (busy == null || session.end().isAfter(busy.end())) {
                busyUntil.put(session.pen(), session);
            }
        }
        // Reported in file order, like every other error.
        overlaps.forEach((index, message) -> errors.add("$.sessions[" + index + "]", message));
    }

    private static String shown(Instant instant, ZoneOffset offset) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
    }
}
