package io.needleguard.mqtt.message;

import static io.needleguard.json.JsonFields.Presence.OPTIONAL;
import static io.needleguard.json.JsonFields.Presence.REQUIRED;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandEntryText;
import io.needleguard.json.ErrorLog;
import io.needleguard.json.InputError;
import io.needleguard.json.JsonFields;
import io.needleguard.json.ParseErrors;
import io.needleguard.json.ReadLimits;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The payload of the {@code <root>/<owner>/log} command: a session logged by hand, as JSON (schema:
 * src/docs/mqtt/log.schema.json). Read strictly, like every file the user writes: an unknown field, a
 * wrong type or a malformed value is refused, all of them at once, never guessed around.
 *
 * <pre>{"area": "cheeks", "depthMm": 0.5, "duration": "10m", "at": "2026-11-28T20:15", "cartridge": "C-12"}</pre>
 */
public final class LogCommandPayload {

    /**
     * The most bytes a payload may have: a session's fields take a hundred or two; a longer payload is
     * refused unread (as the dashboard refuses a longer form).
     */
    public static final int LONGEST = 4096;

    static final List<String> FIELDS =
            List.of("schemaVersion", "area", "depthMm", "duration", "at", "cartridge", "device");

    private static final ObjectMapper JSON = JsonMapper.builder(ReadLimits.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A depth is decimal: 0.29 stays 29 hundredths, never a binary double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private LogCommandPayload() {}

    /**
     * The session the payload describes, for {@code owner} (whose topic it came on).
     *
     * @throws InvalidInputException naming every field that is wrong, and what to send instead
     */
    public static HandEntry read(byte[] payload, String owner) {
        if (payload.length > LONGEST) {
            throw new InvalidInputException(
                    "the payload is " + payload.length + " bytes; a log command is at most " + LONGEST);
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(payload)) {
            root = ReadLimits.readTree(JSON, parser);
            if (root != null && parser.nextToken() != null) {
                throw new InvalidInputException("$: more after the end of the JSON object; send one object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not JSON" + ParseErrors.describe(e)
                    + "; send an object such as {\"area\": \"cheeks\", \"depthMm\": 0.5}");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the payload: " + Quote.brief(e.getMessage(), 200));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(
                    "the payload is empty; send an object such as {\"area\": \"cheeks\", \"depthMm\": 0.5}");
        }
        ErrorLog errors = new ErrorLog();
        HandEntry.Builder entry = HandEntry.builder().owner(owner);
        JsonFields.of(root, "$", errors, "a JSON object with the fields " + String.join(", ", FIELDS))
                .ifPresent(fields -> read(fields, entry));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(
                    errors.all().stream().map(InputError::toString).collect(Collectors.joining("; ")));
        }
        return entry.build();
    }

    private static void read(JsonFields f, HandEntry.Builder entry) {
        f.allowOnly(FIELDS);
        f.integer("schemaVersion", OPTIONAL, "1")
                .filter(v -> v != Payloads.SCHEMA_VERSION)
                .ifPresent(v -> f.reject("schemaVersion", v + " is not a version this gateway reads; send 1"));
        parse(
                f,
                "area",
                f.text("area", REQUIRED, "an area id such as cheeks"),
                v -> entry.area(HandEntryText.area("area", v)));
        f.decimal("depthMm", OPTIONAL, "the needle depth in mm, e.g. 0.5")
                .ifPresent(mm -> attempt(f, "depthMm", () -> entry.depth(HandEntryText.depth("depthMm", mm))));
        parse(
                f,
                "duration",
                f.text("duration", OPTIONAL, HandEntryText.DURATION_FORM),
                v -> entry.duration(HandEntryText.duration("duration", v)));
        parse(f, "at", f.text("at", OPTIONAL, HandEntryText.AT_FORM), v -> entry.at(HandEntryText.at("at", v)));
        f.text("cartridge", OPTIONAL, "a cartridge id such as C-12").ifPresent(entry::cartridge);
        f.text("device", OPTIONAL, "a device id from devices: in the configuration, e.g. roller-1")
                .ifPresent(entry::device);
    }

    private static void parse(JsonFields f, String field, Optional<String> text, Consumer<String> use) {
        text.ifPresent(v -> attempt(f, field, () -> use.accept(v)));
    }

    /** A value of the right type that does not parse is one more error for the field, not a stop. */
    private static void attempt(JsonFields f, String field, Runnable parse) {
        try {
            parse.run();
        } catch (InvalidInputException e) {
            // The message starts with the field's name; the log adds its path.
            String message = e.getMessage();
            f.reject(field, message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message);
        }
    }
}
