package io.needleguard.config;

import static io.needleguard.config.FieldChecks.parsed;
import static io.needleguard.config.FieldChecks.valid;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.rules.RuleSettings;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code owners:} list: each person's id, time zone, skin type and rules. */
final class OwnersReader {

    private OwnersReader() {}

    /**
     * The people listed, in their order; the rules any of them sets go into {@code ownerRules}.
     *
     * @param householdRules what an owner's {@code rules:} refine
     * @param systemZone the zone of an owner without {@code zone:}
     */
    static List<Owner> read(
            JsonFields top,
            ErrorLog errors,
            RuleSettings householdRules,
            Map<String, RuleSettings> ownerRules,
            ZoneId systemZone) {
        List<Owner> owners = new ArrayList<>();
        Optional<ArrayNode> list = top.array("owners", OPTIONAL, "a list of owners, each with id: and zone:");
        if (list.isEmpty()) {
            return owners;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.get().size(); i++) {
            String path = "owners[" + i + "]";
            JsonFields.of(list.get().get(i), path, errors, "a mapping with id: and zone:")
                    .ifPresent(o -> {
                        o.allowOnly(List.of("id", "zone", "skin-type", "rules"));
                        Optional<String> id = o.text("id", REQUIRED, "a short name such as me or alex")
                                .filter(v -> valid(
                                        o,
                                        "id",
                                        v,
                                        FieldChecks.ID.matcher(v).matches(),
                                        "lower-case letters, digits and '-', up to 32, e.g. alex"))
                                .filter(v ->
                                        valid(o, "id", v, seen.add(v), "each owner once; this id is listed twice"));
                        ZoneId zone = o.text("zone", OPTIONAL, "an IANA time zone such as Europe/Berlin")
                                .flatMap(z -> parsed(o, "zone", z, Owner::parseZone))
                                .orElse(systemZone);
                        Optional<SkinType> skinType = o.text(
                                        "skin-type", OPTIONAL, "a Fitzpatrick type: " + SkinType.allIds())
                                .flatMap(t -> parsed(o, "skin-type", t, SkinType::parse));
                        Optional<RuleSettings> rules = o.object(
                                        "rules", OPTIONAL, "a mapping of rule thresholds for this owner")
                                .map(r -> RulesReader.read(r, householdRules));
                        id.ifPresent(v -> {
                            owners.add(new Owner(v, zone, skinType));
                            rules.ifPresent(r -> ownerRules.put(v, r));
                        });
                    });
        }
        return owners;
    }
}
