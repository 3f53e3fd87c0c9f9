package io.needleguard.sim.scenario;

import io.needleguard.household.SkinType;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A person in a scenario. Rules apply per owner: one person with two pens is one skin.
 *
 * @param zone where the owner lives: the rules count calendar days there, and condition dates
 *             in the file are days there
 */
public record ScenarioOwner(String id, ZoneId zone, Optional<SkinType> skinType) {

    /** The owner of every pen when a scenario lists no owners, as in the gateway's configuration. */
    public static final String DEFAULT_ID = "me";

    public ScenarioOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(skinType, "skinType");
    }
}
