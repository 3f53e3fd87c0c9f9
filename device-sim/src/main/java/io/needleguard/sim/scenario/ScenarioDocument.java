package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Walks the JSON tree of one scenario file, top level first, and either builds the scenario or
 * throws every error found. Each section is read even when an earlier one has errors, so a user
 * sees all problems at once; checks that depend on an unusable value are skipped instead of
 * reporting it again.
 */
final class ScenarioDocument {

    static final List<String> FIELDS =
            List.of("name", "start", "owners", "pens", "conditions", "sessions", "devices", "handLog");
    private static final String NAME_RULE = "a name for the scenario, or leave \"name\" out to use the file name";
    private static final String START_RULE =
            "an ISO-8601 date-time with offset, in whole seconds, e.g. " + IsoTime.DATE_TIME_EXAMPLE;

    private final String fileName;
    private final ErrorLog errors = new ErrorLog();

    ScenarioDocument(String fileName) {
        this.fileName = fileName;
    }

    Scenario read(JsonNode root) {
        Optional<JsonFields> top =
                JsonFields.of(root, "$", errors, "a JSON object with the fields " + String.join(", ", FIELDS));
        if (top.isEmpty()) {
            throw failure();
        }
        JsonFields fields = top.get();
        fields.allowOnly(FIELDS);
        Optional<String> name = fields.has("name")
                ? fields.text("name", OPTIONAL, NAME_RULE).filter(this::nonBlankName)
                : Optional.of(nameFromFile());
        Optional<OffsetDateTime> start =
                fields.text("start", REQUIRED, START_RULE).flatMap(this::start);
        // Owners without a zone live at the start's offset; if the start is unusable, any zone
        // will do, as the file will be rejected anyway.
        ZoneOffset startOffset = start.map(OffsetDateTime::getOffset).orElse(ZoneOffset.UTC);
        OwnersSection.Owners owners = OwnersSection.read(fields, startOffset, errors);
        PensSection.Pens pens = PensSection.read(fields, owners, errors);
        List<ScenarioCondition> conditions = ConditionsSection.read(fields, owners, errors);
        List<ScenarioSession> sessions = SessionsSection.read(fields, start, pens, errors);
        DevicesSection.Devices devices = DevicesSection.read(fields, owners, errors);
        List<ScenarioHandEntry> handLog = HandLogSection.read(fields, start, owners, devices, errors);
        if (!errors.isEmpty()) {
            throw failure();
        }
        return new Scenario(
                name.orElseThrow(),
                start.orElseThrow(),
                owners.owners(),
                pens.pens(),
                conditions,
                sessions,
                devices.devices(),
                handLog);
    }

    private ScenarioException failure() {
        return new ScenarioException(fileName, errors.all());
    }

    private boolean nonBlankName(String name) {
        if (name.isBlank()) {
            errors.add("$.name", JsonFields.quoted(name) + " is blank; use " + NAME_RULE);
            return false;
        }
        return true;
    }

    /** {@code two-close.json} is named {@code two-close}. */
    private String nameFromFile() {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private Optional<OffsetDateTime> start(String text) {
        Optional<OffsetDateTime> start = IsoTime.dateTime(text);
        String problem = start.isEmpty()
                ? (IsoTime.lacksOffset(text) ? "has no offset" : "is not a date-time")
                : start.get().getNano() != 0
                        ? "has a fraction of a second, which pens do not record"
                        : start.get().toInstant().isBefore(Instant.EPOCH)
                                ? "is before 1970, where a pen's clock starts"
                                : null;
        if (problem != null) {
            errors.add("$.start", JsonFields.quoted(text) + " " + problem + "; use " + START_RULE);
            return Optional.empty();
        }
        return start;
    }
}
