package io.needleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration reader builds the same tree Jackson's mapper would (node for node, number types
 * included), so that reading without a mapper changes nothing a user wrote.
 */
class YamlTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    @Test
    void theShippedExampleConfigurationsReadAsTheMapperReadsThem() throws Exception {
        for (Path example :
                List.of(Path.of("../src/dist/needleguard.yaml"), Path.of("../src/dist/debian/needleguard.yaml"))) {
            String text = Files.readString(example);
            assertSameTree(text);
        }
    }

    @Test
    void everyKindOfValueReadsAsTheMapperReadsIt() throws Exception {
        assertSameTree("""
                a: text
                quoted: "12:30"
                int: 42
                negative: -7
                long: 12345678901
                big: 123456789012345678901234567890
                float: 0.25
                exponent: 1.5e3
                yes: true
                no: false
                empty:
                tilde: ~
                list: [1, two, {three: 3}, [4]]
                block:
                  - name: alex
                    zone: Europe/Berlin
                  - name: sam
                nested: {deeper: {deepest: [ ]}}
                twice: first
                twice: second
                binary: !!binary aGVsbG8=
                """);
        assertSameTree("- just\n- a list\n");
        assertSameTree("a scalar\n");
        assertSameTree("first: document\n---\nsecond: document\n");
    }

    @Test
    void anEmptyDocumentIsMissingAsWithTheMapper() throws Exception {
        assertTrue(YamlTree.read("").isMissingNode());
        assertTrue(YamlTree.read("# only a comment\n").isMissingNode());
        assertEquals(MAPPER.readTree("# only a comment\n"), YamlTree.read("# only a comment\n"));
    }

    @Test
    void invalidYamlIsAParseErrorWithItsPlace() {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> YamlTree.read("a: [1, 2\nb: c\n"));
        assertTrue(YamlErrors.describe(e).contains("line"), YamlErrors.describe(e));
    }

    private static void assertSameTree(String yaml) throws Exception {
        JsonNode expected = MAPPER.readTree(yaml);
        JsonNode actual = YamlTree.read(yaml);
        assertEquals(expected, actual, yaml);
        assertSameNodeTypes(expected, actual, "$");
    }

    /** JsonNode equality says 42 (int) and 42 (long) differ, but not every reader looks at equality. */
    private static void assertSameNodeTypes(JsonNode expected, JsonNode actual, String path) {
        assertEquals(expected.getClass(), actual.getClass(), path);
        if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), path);
            if (expected.isObject()) {
                expected.fieldNames()
                        .forEachRemaining(
                                name -> assertSameNodeTypes(expected.get(name), actual.get(name), path + "." + name));
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameNodeTypes(expected.get(i), actual.get(i), path + "[" + i + "]");
                }
            }
        }
    }
}
