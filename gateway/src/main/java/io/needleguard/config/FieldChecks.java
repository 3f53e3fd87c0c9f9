package io.needleguard.config;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.JsonFields;
import io.needleguard.text.Quote;
import io.needleguard.text.RefusedValue;
import io.needleguard.text.Spelling;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks shared by the sections' readers, each rejecting what fails with the fix. */
final class FieldChecks {

    /** An owner's or a device's id: it names them in the history and in MQTT topics. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

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
     * The {@code id:} of an owner or a device, each listed once ({@code seen} holds the ids before it).
     *
     * @param what     what the id is of, as the message names it: owner, device
     * @param examples ids such as {@code me or alex}; the last is the example of the rule
     */
    static Optional<String> id(JsonFields f, Set<String> seen, String what, String examples) {
        String example = examples.substring(examples.lastIndexOf(' ') + 1);
        return f.text("id", REQUIRED, "a short name such as " + examples)
                .filter(v -> valid(
                        f,
                        "id",
                        v,
                        ID.matcher(v).matches(),
                        "lower-case letters, digits and '-', up to 32, e.g. " + example))
                .filter(v -> valid(f, "id", v, seen.add(v), "each " + what + " once; this id is listed twice"));
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

    /**
     * Each mapping in the list under {@code key} (none when the key is not given), read with its place in
     * the list ({@code pens[2]}) as the path of what it rejects; an element that is no mapping is rejected.
     */
    static void eachOf(
            JsonFields top,
            String key,
            String listExpected,
            String itemExpected,
            ErrorLog errors,
            Consumer<JsonFields> item) {
        Optional<ArrayNode> list = top.array(key, OPTIONAL, listExpected);
        if (list.isEmpty()) {
            return;
        }
        for (int i = 0; i < list.get().size(); i++) {
            JsonFields.of(list.get().get(i), key + "[" + i + "]", errors, itemExpected)
                    .ifPresent(item);
        }
    }
}
