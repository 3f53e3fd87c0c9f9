package io.needleguard.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What every JSON and YAML reader of needleguard accepts at most: the payloads of MQTT commands, the
 * dashboard's request bodies, scenario files, the configuration. Jackson's own defaults (numbers of
 * 1,000 digits, 1,000 levels of nesting, strings of 20 million characters) are far beyond anything a
 * person writes here; a document past these limits is refused by the parser, before any value is made
 * of it, with a message {@link ParseErrors} words.
 */
public final class ReadLimits {

    /** Digits of one number: a depth, a counter or a stroke rate needs a handful. */
    public static final int NUMBER_DIGITS = 100;

    /** Levels of nesting: the deepest document needleguard reads nests five. */
    public static final int NESTING = 64;

    /** Characters of one text value: ids, times and areas are short; a scenario's longest text is a note. */
    public static final int STRING_CHARACTERS = 100_000;

    /** Characters of one field name. */
    public static final int NAME_CHARACTERS = 1_000;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNumberLength(NUMBER_DIGITS)
            .maxNestingDepth(NESTING)
            .maxStringLength(STRING_CHARACTERS)
            .maxNameLength(NAME_CHARACTERS)
            .build();

    private ReadLimits() {}

    /**
     * The tree of the document {@code parser} reads. A number whose exponent does not fit in an int
     * ({@code 1e99999999999}) makes Jackson throw a bare NumberFormatException when it makes the number
     * exact; it is a syntax error here, like every other thing that is not a readable document.
     */
    public static JsonNode readTree(ObjectMapper mapper, JsonParser parser) throws IOException {
        try {
            return mapper.readTree(parser);
        } catch (NumberFormatException e) {
            throw new JsonParseException(parser, "a number is beyond what can be read (its exponent is too large)", e);
        }
    }

    /** A JSON factory with these limits. */
    public static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }
}
