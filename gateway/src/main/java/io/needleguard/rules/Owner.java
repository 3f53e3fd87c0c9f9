package io.needleguard.rules;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A person whose skin the rules protect. Rules apply per owner, not per pen: one person with two
 * pens is one skin; two people sharing a gateway are two.
 *
 * @param zone the owner's time zone: "days" in the rules are calendar days there
 */
public record Owner(String id, ZoneId zone) {

    public static final String DEFAULT_ID = "me";

    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
    }
}
