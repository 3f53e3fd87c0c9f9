package io.needleguard.config;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import io.needleguard.json.JsonFields;
import io.needleguard.text.Quote;
import io.needleguard.text.RefusedValue;
import io.needleguard.text.Spelling;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks shared by the sections' readers, each rejecting what fails with the fix. */
final class FieldChecks {

    /** An owner's or a device's id: it names them in the history and in MQTT topics. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private FieldChecks() {}

    /** A path as written, {@code ~/} for the home directory; empty (and an error) when it cannot be one. */
    static Optional<Path> path(JsonFields fields, String key, String value) {
        try {
            return Optional.of(
                    Path.of(value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value));
        } catch (InvalidPathException e) {
            fields.reject(key, JsonFields.quoted(value) + " is not a path (" + Quote.brief(e.getReason()) + ")");
            return Optional.empty();
        }
    }

    static Optional<Path> existingFile(JsonFields fields, String key, String value) {
        Optional<Path> given = path(fields, key, value);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Path path = given.get();
        if (!Files.isRegularFile(path)) {
            fields.reject(
                    key, JsonFields.quoted(value) + " is not a file; give the path of an existing, readable file");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** Rejects {@code value} with the fix when {@code ok} is false; reads like the check it is. */
    static boolean valid(JsonFields fields, String key, String value, boolean ok, String allowed) {
        if (!ok) {
            fields.reject(key, JsonFields.quoted(value) + " is not allowed; use " + allowed);
        }
        return ok;
    }

    /**
     * The {@code owner:} of a pen or a device: one of {@code ownerIds}, the first of them when the key
     * is not given (or refused).
     */
    static String owner(JsonFields f, List<String> ownerIds) {
        return f.text("owner", OPTIONAL, "an owner id from owners:")
                .filter(v -> valid(
                        f,
                        "owner",
                        v,
                        ownerIds.contains(v),
                        "an owner listed under owners: (" + String.join(", ", ownerIds) + ")"
                                + Spelling.suggestion(v, ownerIds) + ", or add this one there"))
                .orElse(ownerIds.get(0));
    }

    /**
     * {@code value} read by {@code parse}, which the command line reads the same value with; its refusal
     * is rejected under {@code key}, the value quoted as the configuration quotes it.
     */
    static <T> Optional<T> parsed(JsonFields f, String key, String value, Function<String, T> parse) {
        try {
            return Optional.of(parse.apply(value));
        } catch (RefusedValue e) {
            f.reject(key, JsonFields.quoted(value) + e.reason());
            return Optional.empty();
        }
    }
}
