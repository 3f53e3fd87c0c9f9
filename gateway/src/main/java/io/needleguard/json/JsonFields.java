package io.needleguard.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The fields of one object of a document the user wrote (a JSON scenario, the YAML configuration),
 * read together with their path so that every error says exactly where it is. A getter returns empty when the field is absent or unusable; when
 * unusable it has already logged why, so callers never report the same field twice and simply skip
 * checks that would depend on it.
 */
public final class JsonFields {

    public enum Presence {
        REQUIRED,
        OPTIONAL
    }

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int LONGEST_QUOTED_VALUE = 40;

    private final JsonNode object;
    private final String path;
    private final ErrorLog errors;

    private JsonFields(JsonNode object, String path, ErrorLog errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    /** The fields of {@code node}, or empty (and an error) when it is not a JSON object. */
    public static Optional<JsonFields> of(JsonNode node, String path, ErrorLog errors, String expected) {
        if (!node.isObject()) {
            errors.add(path, describe(node) + "; use " + expected);
            return Optional.empty();
        }
        return Optional.of(new JsonFields(node, path, errors));
    }

    /**
     * {@code $.pens[0]} and {@code serial} give {@code $.pens[0].serial} (a JSON path, for JSON files
     * whose root is {@code $}); {@code mqtt} and {@code client-id} give {@code mqtt.client-id} (a key
     * path, for the YAML configuration, whose root is the empty string).
     */
    public static String child(String parent, String field) {
        // A path names a field in messages: a field name of a megabyte, or with a newline, is named by its start.
        field = Quote.brief(field);
        if (parent.isEmpty()) {
            return field;
        }
        if (!parent.startsWith("$") || PLAIN_NAME.matcher(field).matches()) {
            return parent + "." + field;
        }
        return parent + "['" + field.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** What a value is, for messages: {@code "0.5" is a string}, with containers abbreviated. */
    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return quoted(node.textValue()) + " is a string";
        }
        if (node.isNumber()) {
            return number(node) + " is a number";
        }
        if (node.isBoolean()) {
            return node.asText() + " is a boolean";
        }
        if (node.isNull()) {
            return "null is not a value";
        }
        if (node.isArray()) {
            return "[…] is an array";
        }
        return "{…} is an object";
    }

    /** {@code 1e2} reads as 100, not as 1E+2. */
    private static String number(JsonNode node) {
        return node.isBigDecimal() ? Quote.number(node.decimalValue()) : Quote.brief(node.asText());
    }

    /** A string as JSON writes it, shortened if long: for messages that quote what the user wrote. */
    public static String quoted(String text) {
        String quoted = TextNode.valueOf(text).toString();
        return quoted.length() > LONGEST_QUOTED_VALUE ? quoted.substring(0, LONGEST_QUOTED_VALUE) + "…\"" : quoted;
    }

    /** Whether every element of {@code array} is an object with a text {@code field}: an id list is complete. */
    public static boolean everyElementHasText(ArrayNode array, String field) {
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).path(field).isTextual()) {
                return false;
            }
        }
        return true;
    }

    public String path() {
        return path;
    }

    public String path(String field) {
        return child(path, field);
    }

    public boolean has(String field) {
        return object.has(field);
    }

    /** Logs every field not in {@code allowed}: a typo must not silently become a default. */
    public void allowOnly(List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(
                        path(name),
                        "unknown field" + Spelling.suggestion(name, allowed) + "; allowed here: "
                                + String.join(", ", allowed));
            }
        }
    }

    public Optional<String> text(String field, Presence presence, String expected) {
        return value(field, presence, expected, JsonNode::isTextual, JsonNode::textValue);
    }

    /** A number exactly as written in the JSON text, never via a binary double. */
    public Optional<BigDecimal> decimal(String field, Presence presence, String expected) {
        return value(field, presence, expected, JsonNode::isNumber, JsonNode::decimalValue);
    }

    /** A whole number, written as one: {@code 120.0} and {@code 1e2} are refused like any other wrong type. */
    public Optional<Long> integer(String field, Presence presence, String expected) {
        Optional<JsonNode> node = node(field, presence, expected);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = node.get();
        if (!value.isIntegralNumber()) {
            String problem = !value.isNumber()
                    ? describe(value)
                    : value.decimalValue().stripTrailingZeros().scale() <= 0
                            ? number(value) + " is written with a fraction or an exponent"
                            : number(value) + " is not a whole number";
            errors.add(path(field), problem + "; use " + expected);
            return Optional.empty();
        }
        if (!value.canConvertToLong()) {
            errors.add(path(field), number(value) + " is far too large; use " + expected);
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    public Optional<Boolean> bool(String field, Presence presence, String expected) {
        return value(field, presence, expected, JsonNode::isBoolean, JsonNode::booleanValue);
    }

    public Optional<ArrayNode> array(String field, Presence presence, String expected) {
        return value(field, presence, expected, JsonNode::isArray, node -> (ArrayNode) node);
    }

    /** A nested object, read with its own path. */
    public Optional<JsonFields> object(String field, Presence presence, String expected) {
        return node(field, presence, expected).flatMap(node -> of(node, path(field), errors, expected));
    }

    /** The field names present, in document order. */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A field's value as written, for values of any type (null when absent). */
    public JsonNode raw(String field) {
        return object.get(field);
    }

    /** Where errors go, for reading nested elements with the same log. */
    public ErrorLog errors() {
        return errors;
    }

    /** Logs an error about {@code field}'s value; for checks beyond the type. */
    public void reject(String field, String message) {
        errors.add(path(field), message);
    }

    private <T> Optional<T> value(
            String field,
            Presence presence,
            String expected,
            Predicate<JsonNode> rightType,
            Function<JsonNode, T> read) {
        Optional<JsonNode> node = node(field, presence, expected);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!rightType.test(node.get())) {
            errors.add(path(field), describe(node.get()) + "; use " + expected);
            return Optional.empty();
        }
        return Optional.of(read.apply(node.get()));
    }

    private Optional<JsonNode> node(String field, Presence presence, String expected) {
        JsonNode node = object.get(field);
        if (node == null) {
            if (presence == Presence.REQUIRED) {
                errors.add(path(field), "required field is missing; use " + expected);
            }
            return Optional.empty();
        }
        return Optional.of(node);
    }
}
