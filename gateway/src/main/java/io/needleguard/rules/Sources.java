package io.needleguard.rules;

/**
 * Where each default comes from, as findings cite it. Labels: [P] clinical literature, [R] regulator
 * or professional body, [M] manufacturer or clinic, [U] widely repeated without a primary source,
 * [J] engineering judgement. src/docs/safety-rules.md gives the full references.
 */
final class Sources {

    static final String HOME_WARNING = "clinical needles are 0.5-1.5 mm (Hou 2017) [P]; AAD on home devices [R]";
    static final String HOME_CRITICAL =
            "home maximum 1.0 mm in pen makers' guides [M]; SkinPen not evaluated above 1.5 mm [R]";
    static final String AREA_LIMIT = "dermis thinnest at the eyelid, 0.58-0.76 mm (Chopra 2015, Meng 2022) [P]; "
            + "lower end of area charts [M]; safety margin [J]";
    static final String DARK_SKIN =
            "post-inflammatory hyperpigmentation among the most common adverse events (Hou 2017) [P]; [J]";
    static final String NOT_FOR_NEEDLING = "SkinPen labelling: do not use within the orbital rim [R]";
    static final String SPACING =
            "side effects resolve within 72 h [P]; shortest trial interval 2 weeks (Alam 2014) [P]; "
                    + "median 4 weeks (Harris 2015) [P]; SkinPen 30 days [R]";
    static final String FREQUENCY = "engineering judgement following the spacing rows [J]; no source gives a maximum";
    static final String DURATION = "a full-face clinic treatment takes 15-30 min [M]; [J]";
    static final String CARTRIDGE = "single-use sterile cartridges (21 CFR 878.4430, SkinPen De Novo) [R]; "
            + "reuse of single-use equipment and HIV transmission (CDC MMWR 2024) [R]";
    static final String ROLLER_SHARED = "medical dermarollers are single use (Doddaballapur 2009) [P]; "
            + "reuse of single-use equipment and HIV transmission (CDC MMWR 2024) [R]; a roller is its own needle set [J]";
    static final String STROKE = "pens run at about 90-117 Hz [M, R]; no clinical study sets limits [U]";
    static final String CONTRAINDICATION_BLOCK = "SkinPen and Dermapen labelling [R/M]";
    static final String ISOTRETINOIN = "isotretinoin label: 6 months after the last dose [R]; debated: insufficient"
            + " evidence to delay (ASDS consensus 2017 [R], systematic review 2024 [P])";
    static final String CONTRAINDICATION_CAUTION = "clinic contraindication lists [M]";
    static final String CONTINUATION = "engineering judgement [J]";

    private Sources() {}
}
