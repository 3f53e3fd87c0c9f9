package io.needleguard.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of src/docs/mqtt/, by topic: tests hold every payload the gateway publishes to the
 * contract consumers read.
 */
public final class PayloadSchemas {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private PayloadSchemas() {}

    /** The schema name for a topic of the contract, e.g. {@code session} for {@code needleguard/SIM-0001/session}. */
    static String schemaFor(String topic) {
        String last = topic.substring(topic.lastIndexOf('/') + 1);
        return switch (last) {
            case "session", "alert", "state", "next-safe", "latest-alert", "error", "gateway", "log" -> last;
            default -> throw new IllegalArgumentException("no payload schema for topic " + topic);
        };
    }

    public static Set<ValidationMessage> validate(String topic, JsonNode payload) {
        return schema(schemaFor(topic)).validate(payload);
    }

    public static void assertValid(String topic, JsonNode payload) {
        assertEquals(Set.of(), validate(topic, payload), () -> topic + ": " + payload);
    }

    public static void assertAllValid(List<TestSubscriber.Received> messages) {
        messages.stream()
                // Commands are what tests sent, good or deliberately bad: the gateway's answers are checked.
                .filter(m -> !m.topic().endsWith("/status")
                        && !m.topic().endsWith("/area/set")
                        && !m.topic().endsWith("/person/set")
                        && !m.topic().endsWith("/session/assign")
                        // The person a pen's next session is for is plain text, not JSON.
                        && !m.topic().endsWith("/person")
                        && !m.topic().endsWith("/log"))
                .forEach(m -> assertValid(m.topic(), m.json()));
    }

    private static JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            Path file = Path.of(System.getProperty("needleguard.docs", "../src/docs"), "mqtt", n + ".schema.json");
            try (InputStream in = Files.newInputStream(file)) {
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }
}
