package io.needleguard.config;

import static io.needleguard.config.FieldChecks.parsed;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

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
        Set<String> seen = new HashSet<>();
        FieldChecks.eachOf(
                top,
                "owners",
                "a list of owners, each with id: and zone:",
                "a mapping with id: and zone:",
                errors,
                o -> owner(o, seen, householdRules, systemZone).ifPresent(listed -> {
                    owners.add(listed.owner());
                    listed.rules().ifPresent(r -> ownerRules.put(listed.owner().id(), r));
                }));
        return owners;
    }

    /** An owner as listed, with the rules they set, if any. */
    private record Listed(Owner owner, Optional<RuleSettings> rules) {}

    private static Optional<Listed> owner(
            JsonFields o, Set<String> seen, RuleSettings householdRules, ZoneId systemZone) {
        o.allowOnly(List.of("id", "zone", "skin-type", "rules"));
        Optional<String> id = FieldChecks.id(o, seen, "owner", "me or alex");
        ZoneId zone = o.text("zone", OPTIONAL, "an IANA time zone such as Europe/Berlin")
                .flatMap(z -> parsed(o, "zone", z, Owner::parseZone))
                .orElse(systemZone);
        Optional<SkinType> skinType = o.text("skin-type", OPTIONAL, "a Fitzpatrick type: " + SkinType.allIds())
                .flatMap(t -> parsed(o, "skin-type", t, SkinType::parse));
        Optional<RuleSettings> rules = o.object("rules", OPTIONAL, "a mapping of rule thresholds for this owner")
                .map(r -> RulesReader.read(r, householdRules));
        return id.map(v -> new Listed(new Owner(v, zone, skinType), rules));
    }
}
