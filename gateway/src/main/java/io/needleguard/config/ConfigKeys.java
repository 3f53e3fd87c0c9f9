package io.needleguard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration file's top-level keys, by when a running gateway applies them (issue 22 item 1):
 * the household's at once, the others at its next start. A digest per key tells whether a key's content
 * differs from what a gateway started with, without keeping the content (the MQTT password file's path,
 * the dashboard's token file's) anywhere but in the file itself.
 */
public final class ConfigKeys {

    /** Applied by a running gateway within a second of the file being saved. */
    public static final List<String> APPLIED_AT_ONCE = List.of("owners", "pens", "devices");

    /** Read at start only: a running gateway keeps what it started with until it is restarted. */
    public static final List<String> READ_AT_START = List.of("data-dir", "ble", "mqtt", "rules", "dashboard", "backup");

    private ConfigKeys() {}

    /**
     * A SHA-256 per top-level key of the YAML text (of every key of {@link #APPLIED_AT_ONCE} and
     * {@link #READ_AT_START}; "absent" for a key the file does not give). Text that is no YAML mapping
     * gives no digests: the loader says what is wrong with it.
     */
    public static Map<String, String> digests(String yaml) {
        JsonNode root;
        try {
            root = YamlTree.read(yaml);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
        if (root == null || !root.isObject()) {
            return Map.of();
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (String key : allKeys()) {
            JsonNode value = root.get(key);
            digests.put(key, value == null ? "absent" : sha256(value.toString()));
        }
        return digests;
    }

    /** The keys of {@code among} whose digest differs between the two (a key missing from either differs). */
    public static List<String> changed(Map<String, String> before, Map<String, String> now, List<String> among) {
        return among.stream()
                .filter(key -> !Objects.equals(before.get(key), now.get(key)))
                .toList();
    }

    private static List<String> allKeys() {
        return java.util.stream.Stream.concat(READ_AT_START.stream(), APPLIED_AT_ONCE.stream())
                .toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
