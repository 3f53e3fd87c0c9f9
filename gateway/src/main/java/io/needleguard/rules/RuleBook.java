package io.needleguard.rules;

import io.needleguard.household.Owner;
import java.util.Map;
import java.util.Objects;

/**
 * The thresholds in force: the household's, and those of owners who have their own (from the
 * configuration). Immutable.
 *
 * @param household the household's thresholds
 * @param owners    thresholds of owners who have their own, by owner id
 */
public record RuleBook(RuleSettings household, Map<String, RuleSettings> owners) {

    public RuleBook {
        Objects.requireNonNull(household, "household");
        owners = Map.copyOf(owners);
    }

    /** The decided defaults of src/docs/safety-rules.md, for everyone. */
    public static RuleBook defaults() {
        return new RuleBook(RuleSettings.defaults(), Map.of());
    }

    public RuleSettings settingsFor(Owner owner) {
        return owners.getOrDefault(owner.id(), household);
    }
}
