package io.needleguard.sim.scenario;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.household.SkinType;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.text.Quote;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code $.owners}, or supplies the single owner {@code me} when the file lists none. */
final class OwnersSection {

    static final List<String> FIELDS = List.of("id", "zone", "skinType");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String ID_RULE =
            "an owner id: a lowercase letter or digit, then up to 31 lowercase letters, digits or '-', e.g. alex";
    private static final String ZONE_RULE = "an IANA time zone id, e.g. Europe/Berlin";
    private static final String SKIN_RULE = "a Fitzpatrick skin type, one of: " + SkinType.allIds();

    /**
     * @param owners   the owners that could be read
     * @param declared every id written in the file, valid or not, with the path of its owner, so
     *                 that a reference to an owner whose entry has an error is not reported a second time
     * @param listed   whether the file has {@code owners}; without it, the only owner is {@code me}
     * @param readable false when some id could not be read (not an array, an owner that is not an
     *                 object or has no text id): references are then not checked, rather than all
     *                 reported as unknown
     */
    record Owners(List<ScenarioOwner> owners, Map<String, String> declared, boolean listed, boolean readable) {

        Optional<ScenarioOwner> find(String id) {
            return owners.stream().filter(o -> o.id().equals(id)).findFirst();
        }

        boolean knows(String id) {
            return !readable || declared.containsKey(id);
        }

        /** What to tell a user who named an owner that does not exist. */
        String allowed() {
            return listed
                    ? "use one of: " + Quote.list(declared.keySet())
                    : "the file has no \"owners\", so the only owner is \"" + ScenarioOwner.DEFAULT_ID
                            + "\"; add \"owners\", or leave \"owner\" out";
        }
    }

    private OwnersSection() {}

    /** @param startOffset the zone of owners that name none: the offset of the scenario's start */
    static Owners read(JsonFields top, ZoneOffset startOffset, ErrorLog errors) {
        if (!top.has("owners")) {
            ScenarioOwner me = new ScenarioOwner(ScenarioOwner.DEFAULT_ID, startOffset, Optional.empty());
            return new Owners(List.of(me), Map.of(me.id(), "$"), false, true);
        }
        List<ScenarioOwner> owners = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        Optional<ArrayNode> array =
                top.array("owners", OPTIONAL, "an array of owners: {\"id\", \"zone\", \"skinType\"}");
        array.filter(ArrayNode::isEmpty)
                .ifPresent(empty -> top.reject(
                        "owners",
                        "is empty; list at least one owner, or leave \"owners\" out for the single owner \"me\""));
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            JsonFields.of(
                            array.get().get(i),
                            top.path("owners") + "[" + i + "]",
                            errors,
                            "an owner object with the fields " + String.join(", ", FIELDS))
                    .flatMap(fields -> owner(fields, declared, startOffset, errors))
                    .ifPresent(owners::add);
        }
        return new Owners(
                owners, declared, true, array.isPresent() && JsonFields.everyElementHasText(array.get(), "id"));
    }

    private static Optional<ScenarioOwner> owner(
            JsonFields fields, Map<String, String> declared, ZoneOffset startOffset, ErrorLog errors) {
        int errorsBefore = errors.count();
        fields.allowOnly(FIELDS);
        Optional<String> id = fields.text("id", REQUIRED, ID_RULE);
        id.ifPresent(text -> {
            if (!ID.matcher(text).matches()) {
                fields.reject("id", JsonFields.quoted(text) + " is not an owner id; use " + ID_RULE);
            } else if (declared.containsKey(text)) {
                fields.reject(
                        "id",
                        JsonFields.quoted(text) + " is already the id of " + declared.get(text)
                                + "; owner ids must be unique");
            }
            declared.putIfAbsent(text, fields.path());
        });
        Optional<ZoneId> zone = fields.has("zone")
                ? fields.text("zone", OPTIONAL, ZONE_RULE).flatMap(text -> zone(text, fields))
                : Optional.of(startOffset);
        Optional<SkinType> skinType = fields.text("skinType", OPTIONAL, SKIN_RULE)
                .flatMap(text -> {
                    Optional<SkinType> type = SkinType.fromId(text);
                    if (type.isEmpty()) {
                        fields.reject("skinType", JsonFields.quoted(text) + " is not a skin type; use " + SKIN_RULE);
                    }
                    return type;
                });
        if (errors.count() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioOwner(id.orElseThrow(), zone.orElseThrow(), skinType));
    }

    private static Optional<ZoneId> zone(String text, JsonFields fields) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            fields.reject("zone", JsonFields.quoted(text) + " is not a time zone; use " + ZONE_RULE);
            return Optional.empty();
        }
    }
}
