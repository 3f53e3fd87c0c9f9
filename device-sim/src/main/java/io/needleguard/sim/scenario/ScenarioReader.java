package io.needleguard.sim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.needleguard.json.InputError;
import io.needleguard.json.JsonFields;
import io.needleguard.json.ParseErrors;
import io.needleguard.json.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenario files (src/docs/scenarios.md). Strict: unknown fields, wrong types, duplicate
 * keys and missing fields are errors, never ignored or defaulted, because a scenario that silently
 * replays something other than what its author meant would make a test pass for the wrong reason.
 *
 * <p>It walks Jackson's tree rather than binding to classes so that every check knows its JSON
 * path. Thread-safe.
 */
public final class ScenarioReader {

    private static final ObjectMapper JSON = JsonMapper.builder(ReadLimits.jsonFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Depths are decimal: read 0.5 from the text as BigDecimal, never through a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Keep 0.50 as written: messages quote the value the user typed.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @throws ScenarioException    listing every error found, when the file is not a valid scenario
     * @throws UncheckedIOException when the file cannot be read
     */
    public Scenario read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // Named as the user gave it, as compilers do: errors point at the file they typed.
            return read(file.toString(), in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new io.needleguard.text.InvalidInputException(
                    file + ": no such scenario file; check the path" + " (src/docs/scenarios/ has examples)", e);
        } catch (IOException e) {
            throw new io.needleguard.text.InvalidInputException(
                    "cannot read scenario file " + file + " (" + e.getMessage() + "); check that it is a readable file",
                    e);
        }
    }

    /**
     * Reads a scenario from a stream, e.g. a built-in resource.
     *
     * @param fileName names the file in error messages; without its folders and extension, it is
     *                 the scenario's name when the file has none
     * @throws ScenarioException listing every error found, when the content is not a valid scenario
     */
    public Scenario read(String fileName, InputStream in) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(in)) {
            root = ReadLimits.readTree(JSON, parser);
            if (root != null && parser.nextToken() != null) {
                throw new ScenarioException(
                        fileName,
                        List.of(new InputError(
                                "$",
                                "JSON syntax error" + at(parser.currentTokenLocation())
                                        + ": more after the end of the scenario object")));
            }
        } catch (JsonProcessingException e) {
            throw new ScenarioException(fileName, List.of(syntaxError(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + fileName + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(
                    fileName, List.of(new InputError("$", "the file is empty; a scenario is a JSON object")));
        }
        return new ScenarioDocument(fileName).read(root);
    }

    /** A syntax error stops the parser, so it is the only error; it says where, in lines and columns. */
    private static InputError syntaxError(JsonProcessingException e) {
        String path = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "$";
        return new InputError(path, "JSON syntax error" + ParseErrors.describe(e));
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The JSON path the parser had reached, e.g. {@code $.sessions[0].area}. */
    private static String pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(context.getCurrentIndex(), 0) + "]";
        }
        return context.getCurrentName() == null ? parent : JsonFields.child(parent, context.getCurrentName());
    }
}
