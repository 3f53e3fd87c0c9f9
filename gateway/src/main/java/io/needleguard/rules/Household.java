package io.needleguard.rules;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who uses this gateway and which pens are theirs. Rules apply per owner: a pen's sessions count
 * against its owner's skin. A pen not mapped to anyone belongs to the default owner {@code me}.
 */
public final class Household {

    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private final Map<String, String> ownerOfPen;
    private final RuleSettings settings;
    private final Map<String, RuleSettings> settingsOfOwner;

    public Household(List<Owner> owners, Map<String, String> ownerOfPen, ZoneId defaultZone, RuleSettings settings) {
        this(owners, ownerOfPen, defaultZone, settings, Map.of());
    }

    /**
     * @param owners          the people; an owner {@code me} in {@code defaultZone} is added if missing
     * @param ownerOfPen      pen serial to owner id; every owner id must be among {@code owners} or be {@code me}
     * @param settings        the household's thresholds
     * @param settingsOfOwner thresholds of owners who have their own
     */
    public Household(List<Owner> owners, Map<String, String> ownerOfPen, ZoneId defaultZone, RuleSettings settings,
                     Map<String, RuleSettings> settingsOfOwner) {
        owners.forEach(o -> this.owners.put(o.id(), o));
        this.owners.putIfAbsent(Owner.DEFAULT_ID, new Owner(Owner.DEFAULT_ID, defaultZone));
        this.ownerOfPen = Map.copyOf(ownerOfPen);
        this.ownerOfPen.forEach((pen, owner) -> {
            if (!this.owners.containsKey(owner)) {
                throw new IllegalArgumentException("pen " + pen + " belongs to owner '" + owner + "', who is not listed");
            }
        });
        this.settings = Objects.requireNonNull(settings, "settings");
        this.settingsOfOwner = Map.copyOf(settingsOfOwner);
    }

    /** One owner {@code me} in the given zone, every pen theirs, default rules. */
    public static Household single(ZoneId zone) {
        return new Household(List.of(), Map.of(), zone, RuleSettings.defaults());
    }

    public Owner ownerOfPen(String serial) {
        return owners.get(ownerOfPen.getOrDefault(serial, Owner.DEFAULT_ID));
    }

    public Optional<Owner> owner(String id) {
        return Optional.ofNullable(owners.get(id));
    }

    /** The owner with this id; an owner found in the history but no longer configured gets the default zone. */
    public Owner ownerOrDefault(String id) {
        return owners.computeIfAbsent(id, missing -> new Owner(missing, owners.get(Owner.DEFAULT_ID).zone()));
    }

    public List<Owner> owners() {
        return List.copyOf(owners.values());
    }

    public RuleSettings settingsFor(Owner owner) {
        return settingsOfOwner.getOrDefault(owner.id(), settings);
    }

    public ZoneId zoneOf(String ownerId) {
        return ownerOrDefault(ownerId).zone();
    }
}
