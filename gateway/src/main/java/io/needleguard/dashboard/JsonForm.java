package io.needleguard.dashboard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.needleguard.json.ReadLimits;
import io.needleguard.text.Quote;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A change's JSON body, read strictly and within {@link ReadLimits}: one object, only the fields the change
 * knows (a script's typo is refused, not ignored), each field text as typed in the page's form.
 */
final class JsonForm {

    private static final ObjectMapper JSON = JsonMapper.builder(ReadLimits.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A depth sent as a number stays decimal: 0.29 is 29 hundredths, never a binary double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final JsonNode root;

    private JsonForm(JsonNode root) {
        this.root = root;
    }

    /**
     * @param fields  the fields the change knows
     * @param example what to send instead, for the message: {@code one JSON object such as {...}}
     * @throws ApiException 400, saying what to send instead
     */
    static JsonForm read(byte[] body, List<String> fields, String example) {
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
            throw new ApiException(400, "send " + example);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ApiException(
                        400,
                        Quote.of(name) + " is not a field of the form; send "
                                + (fields.isEmpty() ? "{}" : String.join(", ", fields))
                                + (name.equals("owner") ? " (the person is the one in the path)" : ""));
            }
        }
        return new JsonForm(root);
    }

    JsonNode node(String field) {
        return root.path(field);
    }

    /** The field's text, stripped; empty when absent or blank (a form's field left empty). */
    Optional<String> text(String field) {
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

    /** The field's text; a 400 naming it when it is missing. */
    String required(String field, String what) {
        return text(field).orElseThrow(() -> new ApiException(400, field + ": say " + what));
    }
}
