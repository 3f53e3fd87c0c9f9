package io.needleguard.household;

import io.needleguard.text.RefusedValue;
import java.time.DateTimeException;
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

    /** A time zone as the configuration and the command line read it: an IANA name. */
    public static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new RefusedValue(
                    zone, " is not a time zone; use an IANA name such as Europe/Berlin or America/New_York");
        }
    }

    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(skinType, "skinType");
    }

    public Owner(String id, ZoneId zone) {
        this(id, zone, Optional.empty());
    }
}
