package io.needleguard.mqtt.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ids Home Assistant knows needleguard's devices and entities by. Stable (the same pen always
 * gets the same id) and injective: serials {@code AB:CD}, {@code AB_CD} and {@code AB.CD} read alike
 * once made topic-safe, and two gateways with different MQTT roots may share a broker, so each id
 * carries a short hash of what it stands for, root included. The readable part is for people.
 */
public final class DiscoveryIds {

    private DiscoveryIds() {}

    /** A pen's device id: {@code needleguard_SIM-0001_3f2a9c01}. */
    public static String pen(String root, String serial) {
        return "needleguard_" + slug(serial) + "_" + hash("pen", root, serial);
    }

    /** A person's device id: {@code needleguard_person_alex_7b10e2d4}. */
    public static String person(String root, String owner) {
        return "needleguard_person_" + slug(owner) + "_" + hash("person", root, owner);
    }

    /** The gateway's device id, one per MQTT root: {@code needleguard_gateway_5c0ffee1}. */
    public static String gateway(String root) {
        return "needleguard_gateway_" + hash("gateway", root, "");
    }

    /**
     * The node id the first versions announced a pen under, one discovery message per entity. Not
     * injective; kept for the pens announced that way, so that Home Assistant keeps their entities and
     * history when they move to device-based discovery.
     */
    public static String legacyPen(String serial) {
        return "needleguard_" + serial.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * The entity id Home Assistant suggests for an entity: {@code sensor.needleguard_sim_0001_battery}.
     * Only a default: Home Assistant adds a suffix when it is taken, and keeps the user's renames.
     */
    public static String entityId(String platform, String owner, String component) {
        return platform + ".needleguard_" + entitySlug(owner) + "_" + component;
    }

    /** Letters, digits, {@code _} and {@code -} as they are; anything else becomes {@code _}. */
    static String slug(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String entitySlug(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static String hash(String kind, String root, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((kind + '\0' + root + '\0' + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
