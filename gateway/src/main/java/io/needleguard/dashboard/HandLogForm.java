package io.needleguard.dashboard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandEntryText;
import io.needleguard.json.ReadLimits;
import io.needleguard.text.InvalidInputException;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /api/owners/{id}/log}: what the page's form says about a session logged by
 * hand, as the person typed it. Each field is text (the depth may also be a number, for scripts); an
 * empty field is one left out. The text is parsed by {@link HandEntryText}, as the command line's
 * options are, so a mistake is answered in the command line's words with the field's name where the
 * command line names its option ({@code depth: 'abc' is not a number; ...}). Read strictly: an unknown
 * field is refused rather than ignored, so a script's typo does not log a session without what it meant
 * to say.
 */
final class HandLogForm {

    static final List<String> FIELDS = List.of("area", "depth", "device", "duration", "at", "cartridge");

    private static final ObjectMapper JSON = JsonMapper.builder(ReadLimits.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A depth sent as a number stays decimal: 0.29 is 29 hundredths, never a binary double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private HandLogForm() {}

    /**
     * The entry the body describes, for {@code owner} (the person the path names, and the page shows).
     *
     * @throws ApiException 400, saying what to send instead
     */
    static HandEntry read(byte[] body, String owner) {
        JsonNode root = parse(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiException(
                        400,
                        "'" + shorten(name) + "' is not a field of the form; send "
                                + String.join(", ", FIELDS)
                                + (name.equals("owner") ? " (the person is the one in the path)" : ""));
            }
        }
        HandEntry.Builder entry = HandEntry.builder().owner(owner);
        try {
            text(root, "area").ifPresent(v -> entry.area(HandEntryText.area("area", v)));
            JsonNode depth = root.path("depth");
            if (depth.isNumber()) {
                entry.depth(HandEntryText.depth("depth", depth.decimalValue()));
            } else {
                text(root, "depth").ifPresent(v -> entry.depth(HandEntryText.depth("depth", v)));
            }
            text(root, "device").ifPresent(entry::device);
            text(root, "duration").ifPresent(v -> entry.duration(HandEntryText.duration("duration", v)));
            text(root, "at").ifPresent(v -> entry.at(HandEntryText.at("at", v)));
            text(root, "cartridge").ifPresent(entry::cartridge);
        } catch (InvalidInputException e) {
            throw new ApiException(400, e.getMessage());
        }
        return entry.build();
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = ReadLimits.readTree(JSON, parser);
            if (root != null && parser.nextToken() != null) {
                root = null; // more after the object: not one form
            }
        } catch (JsonProcessingException e) {
            root = null;
        } catch (IOException e) {
            throw new ApiException(400, "cannot read the request: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(
                    400,
                    "send one JSON object such as {\"area\": \"cheeks\", \"depth\": \"0.5\", \"duration\": \"10m\"}");
        }
        return root;
    }

    /** The field's text, stripped; empty when absent or blank (a form's field left empty). */
    private static Optional<String> text(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ApiException(
                    400,
                    field + ": send it as text, as typed in the form"
                            + (field.equals("depth") ? " (or a number)" : ""));
        }
        String text = value.textValue().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
