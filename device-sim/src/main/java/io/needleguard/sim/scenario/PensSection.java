package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.text.Quote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code $.pens}: at least one pen, each with a unique serial and an owner that exists. */
final class PensSection {

    static final List<String> FIELDS = List.of("serial", "model", "owner");
    /** Serials share the limits of cartridge ids: short printable ASCII a pen can put in a frame. */
    private static final int MAX_SERIAL_LENGTH = 16;

    private static final String SERIAL_RULE =
            "a pen serial: 1 to " + MAX_SERIAL_LENGTH + " printable ASCII characters without spaces, e.g. SIM-0001";
    private static final String MODEL_RULE = "a model name, e.g. " + ScenarioPen.DEFAULT_MODEL;
    private static final String OWNER_RULE = "the id of an owner, e.g. alex";

    /**
     * @param declared every serial written in the file, valid or not, with the path of its pen, so
     *                 that a session on a pen whose entry has an error is not reported a second time
     * @param readable false when some serial could not be read (not an array, a pen that is not an
     *                 object or has no text serial): references are then not checked, rather than
     *                 all reported as unknown
     */
    record Pens(List<ScenarioPen> pens, Map<String, String> declared, boolean readable) {

        boolean knows(String serial) {
            return !readable || declared.containsKey(serial);
        }

        String allowed() {
            return "use one of: " + Quote.list(declared.keySet());
        }
    }

    private PensSection() {}

    static Pens read(JsonFields top, OwnersSection.Owners owners, ErrorLog errors) {
        List<ScenarioPen> pens = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        Optional<ArrayNode> array =
                top.array("pens", REQUIRED, "an array of at least one pen: {\"serial\", \"model\", \"owner\"}");
        array.filter(ArrayNode::isEmpty).ifPresent(empty -> top.reject("pens", "is empty; list at least one pen"));
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            JsonFields.of(
                            array.get().get(i),
                            top.path("pens") + "[" + i + "]",
                            errors,
                            "a pen object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> pen(fields, declared, owners, errors))
                    .ifPresent(pens::add);
        }
        return new Pens(pens, declared, array.isPresent() && JsonFields.everyElementHasText(array.get(), "serial"));
    }

    private static Optional<ScenarioPen> pen(
            JsonFields fields, Map<String, String> declared, OwnersSection.Owners owners, ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> serial = fields.text("serial", REQUIRED, SERIAL_RULE);
        serial.ifPresent(text -> {
            Optional<String> problem = PrintableAscii.problem(text, 1, MAX_SERIAL_LENGTH);
            if (problem.isPresent()) {
                fields.reject("serial", JsonFields.quoted(text) + " " + problem.get() + "; use " + SERIAL_RULE);
            } else if (declared.containsKey(text)) {
                fields.reject(
                        "serial",
                        JsonFields.quoted(text) + " is already the serial of " + declared.get(text)
                                + "; serials must be unique");
            }
            declared.putIfAbsent(text, fields.path());
        });
        Optional<String> model = fields.has("model")
                ? fields.text("model", OPTIONAL, MODEL_RULE).filter(text -> nonEmptyModel(text, fields))
                : Optional.of(ScenarioPen.DEFAULT_MODEL);
        Optional<String> owner = fields.has("owner")
                ? fields.text("owner", OPTIONAL, OWNER_RULE)
                : Optional.of(ScenarioOwner.DEFAULT_ID);
        owner.filter(id -> !owners.knows(id))
                .ifPresent(id -> fields.reject(
                        "owner",
                        fields.has("owner")
                                ? JsonFields.quoted(id) + " is not an owner; " + owners.allowed()
                                : "required field is missing, as the default owner \"" + id + "\" is not in $.owners; "
                                        + owners.allowed()));
        if (errors.count() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioPen(serial.orElseThrow(), model.orElseThrow(), owner.orElseThrow()));
    }

    private static boolean nonEmptyModel(String text, JsonFields fields) {
        if (text.isBlank()) {
            fields.reject(
                    "model", JsonFields.quoted(text) + " is blank; use " + MODEL_RULE + ", or leave \"model\" out");
            return false;
        }
        return true;
    }
}
