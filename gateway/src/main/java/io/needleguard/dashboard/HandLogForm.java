package io.needleguard.dashboard;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandEntryText;
import io.needleguard.json.ReadLimits;
import io.needleguard.text.InvalidInputException;
import java.util.List;

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
        JsonForm form = JsonForm.read(
                body,
                FIELDS,
                "one JSON object such as {\"area\": \"cheeks\", \"depth\": \"0.5\", \"duration\": \"10m\"}");
        HandEntry.Builder entry = HandEntry.builder().owner(owner);
        try {
            form.text("area").ifPresent(v -> entry.area(HandEntryText.area("area", v)));
            JsonNode depth = form.node("depth");
            if (depth.isNumber()) {
                entry.depth(HandEntryText.depth("depth", depth.decimalValue()));
            } else {
                form.text("depth").ifPresent(v -> entry.depth(HandEntryText.depth("depth", v)));
            }
            form.text("device").ifPresent(entry::device);
            form.text("duration").ifPresent(v -> entry.duration(HandEntryText.duration("duration", v)));
            form.text("at").ifPresent(v -> entry.at(HandEntryText.at("at", v)));
            form.text("cartridge").ifPresent(entry::cartridge);
        } catch (InvalidInputException e) {
            throw new ApiException(400, e.getMessage());
        }
        return entry.build();
    }
}
