package io.needleguard.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.needleguard.json.ReadLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A YAML document as a Jackson tree, built straight from the YAML parser's tokens: the tree {@code new
 * ObjectMapper(new YAMLFactory()).readTree(text)} gives, with the same node for each value (a later key
 * given twice wins, as there). An {@code ObjectMapper} costs about 30 ms to set up (its date formats,
 * type factory and introspection), on every command's start, for a file of a few lines
 * (src/docs/performance.md).
 */
final class YamlTree {

    private static final YAMLFactory YAML = yaml();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlTree() {}

    /** The mapper's factory (its builder's defaults differ: an empty value would read as ""), within the limits. */
    private static YAMLFactory yaml() {
        YAMLFactory yaml = new YAMLFactory();
        yaml.setStreamReadConstraints(ReadLimits.CONSTRAINTS);
        return yaml;
    }

    /** The first document of {@code text}; a {@link MissingNode} when there is none. */
    static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? MissingNode.getInstance() : value(parser, first);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading text in memory cannot fail this way", e);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw new IllegalStateException("the YAML parser gave " + token + " where a value belongs");
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            String name = parser.currentName();
            object.set(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            array.add(value(parser, t));
        }
        return array;
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private static JsonNode decimal(JsonParser parser) throws IOException {
        return switch (parser.getNumberTypeFP()) {
            case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
            case FLOAT32 -> NODES.numberNode(parser.getFloatValue());
            default -> {
                double value = parser.getDoubleValue();
                // A double cannot hold every number written: 1.0e+300000000 is infinite, 1.0e-999999999 zero.
                // Those keep their exact value, so that messages name them and range checks refuse them.
                yield Double.isFinite(value) && (value != 0 || exact(parser).signum() == 0)
                        ? NODES.numberNode(value)
                        : NODES.numberNode(exact(parser));
            }
        };
    }

    /** The number as written; one whose exponent does not fit in an int (1.0e+99999999999) is a syntax error. */
    private static BigDecimal exact(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            throw new JsonParseException(parser, "a number is beyond what can be read (its exponent is too large)", e);
        }
    }

    /** A tagged value such as {@code !!binary}: as the mapper makes it. */
    private static JsonNode embedded(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        return NODES.pojoNode(value);
    }
}
