package io.needleguard.rules;

import io.needleguard.household.Condition;

/**
 * What each condition's finding says, written from what its source says (src/docs/safety-rules.md gives
 * the same table): how the person was ("with sunburn", "while taking anticoagulants"), what the source
 * advises and why, and which source that is. A condition that heals has an end to record; a bleeding
 * disorder usually does not, and is never said to be "safe again".
 */
final class ConditionWords {

    private ConditionWords() {}

    /** How it is said after "Needled": {@code with sunburn}, {@code while taking anticoagulants}. */
    static String state(Condition c) {
        return switch (c) {
            case SKIN_INFECTION -> "with an active skin infection";
            case COLD_SORE -> "with a cold sore";
            case OPEN_WOUND -> "with an open wound";
            case SUNBURN -> "with sunburn";
            case ACNE_FLARE -> "during an acne flare";
            case DERMATITIS_FLARE -> "during an eczema, rosacea or psoriasis flare";
            case BLEEDING_DISORDER -> "with a bleeding disorder";
            case ISOTRETINOIN -> "while taking isotretinoin";
            case ANTICOAGULANTS -> "while taking anticoagulants";
            case KELOID_HISTORY -> "with a history of keloid scars";
            case PREGNANCY -> "while pregnant or breastfeeding";
            case POOR_WOUND_HEALING -> "with poor wound healing or diabetes";
            case IMMUNOSUPPRESSION -> "while immunosuppressed";
        };
    }

    /** The condition as a noun, for the next safe time's reason: {@code sunburn}, {@code a cold sore}. */
    static String noun(Condition c) {
        return switch (c) {
            case SKIN_INFECTION -> "an active skin infection";
            case COLD_SORE -> "a cold sore";
            case OPEN_WOUND -> "an open wound";
            case SUNBURN -> "sunburn";
            case ACNE_FLARE -> "an acne flare";
            case DERMATITIS_FLARE -> "an eczema, rosacea or psoriasis flare";
            case BLEEDING_DISORDER -> "a bleeding disorder";
            case ISOTRETINOIN -> "an isotretinoin course";
            case ANTICOAGULANTS -> "anticoagulants";
            case KELOID_HISTORY -> "a history of keloid scars";
            case PREGNANCY -> "pregnancy or breastfeeding";
            case POOR_WOUND_HEALING -> "poor wound healing or diabetes";
            case IMMUNOSUPPRESSION -> "immunosuppression";
        };
    }

    /** What the source says, and what to do; isotretinoin's words depend on its setting (see there). */
    static String advice(Condition c) {
        return switch (c) {
            case SKIN_INFECTION ->
                "device labelling (SkinPen, Dermapen) says not to needle skin with an active"
                        + " infection: needling can spread it. Wait until it has cleared.";
            case COLD_SORE ->
                "the Dermapen manual lists active herpes simplex (cold sores) as a reason not to"
                        + " needle: needling can spread the virus over the skin. Wait until the sore has healed; if"
                        + " you get cold sores often, ask a clinician about antiviral cover before needling.";
            case OPEN_WOUND ->
                "device labelling (SkinPen, Dermapen) says not to needle open wounds or broken skin."
                        + " Wait until the skin has closed.";
            case SUNBURN ->
                "clinic guidance is not to needle sunburnt skin: it is already injured. Wait until it"
                        + " has fully healed.";
            case ACNE_FLARE ->
                "the Dermapen manual lists active acne as a reason not to needle: needling spreads"
                        + " bacteria from active spots. Wait until the flare has settled.";
            case DERMATITIS_FLARE ->
                "clinic lists name eczema, psoriasis and rosacea flares as a reason not to"
                        + " needle: needling inflamed skin makes it worse. Wait until the flare has settled.";
            case BLEEDING_DISORDER ->
                "device labelling (SkinPen: hemorrhagic disorders; Dermapen: haemophilia)"
                        + " lists it as a reason not to microneedle: bleeding can be hard to stop. Do not needle unless"
                        + " the clinician who treats the disorder says you may.";
            case ISOTRETINOIN ->
                "the isotretinoin label advises against skin-smoothing procedures while taking it"
                        + " and for 6 months after the last dose; an ASDS consensus (2017) and a 2024 systematic"
                        + " review found too little evidence to require that wait, so the advice is debated: ask the"
                        + " doctor who prescribed it.";
            case ANTICOAGULANTS ->
                "clinic lists name anticoagulants as a caution: bruising and bleeding are more"
                        + " likely. Ask your clinician before needling.";
            case KELOID_HISTORY ->
                "clinic lists name a history of keloids as a caution: needling can set off new"
                        + " keloid scars. Ask your clinician before needling.";
            case PREGNANCY ->
                "SkinPen labelling lists pregnancy and breastfeeding as a reason not to use it. Ask"
                        + " your clinician before needling.";
            case POOR_WOUND_HEALING ->
                "clinic lists name poor wound healing and diabetes as a caution (no clinical"
                        + " study was found): wounds may heal slower and infect more easily. Ask your clinician before"
                        + " needling.";
            case IMMUNOSUPPRESSION ->
                "clinic lists name immunosuppression as a caution (no clinical study was"
                        + " found): infections are more likely. Ask your clinician before needling.";
        };
    }

    /** Where that advice comes from, as the finding cites it (isotretinoin cites its setting's source). */
    static String source(Condition c) {
        return switch (c) {
            case SKIN_INFECTION, OPEN_WOUND -> "SkinPen labelling [R/M]; Dermapen 4 manual [M]";
            case COLD_SORE -> "Dermapen 4 manual [M]; CMAC HSV guideline (JCAD 2021) [R]";
            case SUNBURN -> "clinic aftercare and contraindication sheets [M]";
            case ACNE_FLARE -> "Dermapen 4 manual (active acne, grade III-IV) [M]";
            case DERMATITIS_FLARE ->
                "clinic contraindication lists [M]; Dermapen 4 manual (papulopustular rosacea) [M]";
            case BLEEDING_DISORDER -> "SkinPen labelling (hemorrhagic disorder) [R/M]; Dermapen (haemophilia) [M]";
            case ISOTRETINOIN -> Sources.ISOTRETINOIN;
            case ANTICOAGULANTS, KELOID_HISTORY -> "clinic contraindication lists [M]";
            case PREGNANCY -> "SkinPen labelling [M]";
            case POOR_WOUND_HEALING, IMMUNOSUPPRESSION -> "clinic contraindication lists [M]; no primary source found";
        };
    }

    /**
     * A condition that usually lasts for life: it is not waited out, so its finding never says when it
     * is over, only that it can be ended if it no longer applies.
     */
    static boolean lifelong(Condition c) {
        return c == Condition.BLEEDING_DISORDER;
    }
}
