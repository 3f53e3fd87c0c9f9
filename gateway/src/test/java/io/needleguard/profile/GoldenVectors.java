package io.needleguard.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The pen profile's golden byte vectors (src/docs/pen-profile-vectors.json), shared by the gateway's
 * codec tests and the simulator's pen tests so both sides are held to the same bytes.
 */
public final class GoldenVectors {

    /** One vector: the bytes of a frame and either its decoded fields or the error it must raise. */
    public record Vector(String name, String frame, byte[] bytes, JsonNode decoded, String error, boolean encodes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenVectors() {}

    public static Path file() {
        String docs = System.getProperty("needleguard.docs", "../src/docs");
        return Path.of(docs, "pen-profile-vectors.json");
    }

    public static List<Vector> all() {
        try {
            JsonNode root = new ObjectMapper().readTree(file().toFile());
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                vectors.add(new Vector(
                        v.get("name").asText(),
                        v.get("frame").asText(),
                        HexFormat.of().parseHex(v.get("hex").asText()),
                        v.get("decoded"),
                        v.hasNonNull("error") ? v.get("error").asText() : null,
                        !v.has("encodes") || v.get("encodes").asBoolean()));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden vectors at " + file().toAbsolutePath(), e);
        }
    }

    public static List<Vector> of(String frame) {
        return all().stream().filter(v -> v.frame().equals(frame)).toList();
    }

    public static Vector named(String name) {
        return all().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden vector named " + name));
    }
}
