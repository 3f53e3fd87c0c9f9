package io.needleguard.household;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A health condition that speaks against needling while it lasts: the closed list of condition ids
 * from the safety defaults (safety-defaults.md, {@code contraindication.active}). The ids are a
 * contract shared by the CLI, the configuration and scenario files; this is the one place that
 * lists them.
 */
public enum Condition {
    SKIN_INFECTION("skin-infection", Kind.BLOCK),
    COLD_SORE("cold-sore", Kind.BLOCK),
    OPEN_WOUND("open-wound", Kind.BLOCK),
    SUNBURN("sunburn", Kind.BLOCK),
    ACNE_FLARE("acne-flare", Kind.BLOCK),
    /** Eczema, rosacea or psoriasis flare. */
    DERMATITIS_FLARE("dermatitis-flare", Kind.BLOCK),
    BLEEDING_DISORDER("bleeding-disorder", Kind.BLOCK),
    /** The course; the rules keep it active for some months after it ends. */
    ISOTRETINOIN("isotretinoin", Kind.BLOCK),
    ANTICOAGULANTS("anticoagulants", Kind.CAUTION),
    KELOID_HISTORY("keloid-history", Kind.CAUTION),
    /** Also breastfeeding. */
    PREGNANCY("pregnancy", Kind.CAUTION),
    /** Also diabetes. */
    POOR_WOUND_HEALING("poor-wound-healing", Kind.CAUTION),
    IMMUNOSUPPRESSION("immunosuppression", Kind.CAUTION);

    /** Block list: no needling while active. Caution list: needling is flagged, not refused. */
    public enum Kind {
        BLOCK,
        CAUTION
    }

    private final String id;
    private final Kind kind;

    Condition(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Condition> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** All ids, comma separated, for error messages that list what is allowed. */
    public static String allIds() {
        return Arrays.stream(values()).map(Condition::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
