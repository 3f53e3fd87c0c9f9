package io.needleguard.household;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person added to the household in the history database (the command line, MQTT or the page), not
 * in the configuration file. The id is stable (the history, MQTT topics and {@code --owner} use it);
 * the name is only shown, and renaming changes it alone.
 *
 * @param removedAt when the person was removed from the household: their history stays, and they are
 *                  listed as a former person
 */
public record Person(String id, String name, ZoneId zone, Optional<SkinType> skinType, Optional<Instant> removedAt) {

    /** The same ids the configuration accepts: they become MQTT topic levels. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public static final int MAX_NAME = 64;

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(skinType, "skinType");
        Objects.requireNonNull(removedAt, "removedAt");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "a person's id is 1 to 32 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a person's name is 1 to " + MAX_NAME + " printable characters");
        }
    }

    public boolean removed() {
        return removedAt.isPresent();
    }

    /** Whose skin the rules protect: this person as the rules see them. */
    public Owner owner() {
        return new Owner(id, zone, skinType);
    }
}
