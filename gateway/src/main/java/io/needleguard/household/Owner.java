package io.needleguard.household;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A person whose skin the rules protect. Rules apply per owner, not per pen: one person with two
 * pens is one skin; two people sharing a gateway are two.
 *
 * @param zone     the owner's time zone: "days" in the rules are calendar days there
 * @param skinType the Fitzpatrick type, when the owner gave it: types IV to VI get lower area limits
 */
public record Owner(String id, ZoneId zone, Optional<SkinType> skinType) {

    public static final String DEFAULT_ID = "me";

    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(skinType, "skinType");
    }

    public Owner(String id, ZoneId zone) {
        this(id, zone, Optional.empty());
    }
}
