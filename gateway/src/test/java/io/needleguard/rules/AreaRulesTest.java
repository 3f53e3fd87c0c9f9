package io.needleguard.rules;

import static io.needleguard.rules.Contexts.ME;
import static io.needleguard.rules.Contexts.at;
import static io.needleguard.rules.Contexts.context;
import static io.needleguard.rules.Contexts.withSkin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.household.Owner;
import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code depth.area-limit} and {@code area.not-for-needling}. */
class AreaRulesTest {

    private final AreaDepthLimit areaLimit = new AreaDepthLimit();
    private final AreaNotForNeedling notForNeedling = new AreaNotForNeedling();

    @ParameterizedTest(name = "{0} at {2} mm, skin {1} -> {3}")
    @CsvSource({
        "cheeks,      -,   0.50, none",
        "cheeks,      -,   0.51, 0.50 mm",
        "body,        -,   0.50, none",
        "jawline,     -,   0.55, 0.50 mm",
        "forehead,    -,   0.25, none",
        "forehead,    -,   0.26, 0.25 mm",
        "periorbital, -,   0.26, 0.25 mm",
        "neck,        -,   0.30, 0.25 mm",
        "hands,       -,   0.25, none",
        "unspecified, -,   0.25, none", // the lowest limit of all
        "unspecified, -,   0.26, 0.25 mm",
        "eyelids,     -,   1.00, none", // not a depth question: area.not-for-needling says it
        "cheeks,      III, 0.50, none",
        "cheeks,      IV,  0.25, none", // darker skin: 0.5 limits become 0.25
        "cheeks,      IV,  0.26, 0.25 mm",
        "chin,        VI,  0.50, 0.25 mm",
        "forehead,    V,   0.25, none"
    })
    void flagsDepthsAboveTheAreaLimit(String areaId, String skin, String depth, String expected) {
        Area area = Area.fromId(areaId).orElseThrow();
        Owner owner = skin.equals("-") ? ME : withSkin(SkinType.valueOf(skin));
        List<Finding> findings = areaLimit.check(context(
                at("2026-01-05T19:00", area, depth, 1),
                owner,
                RuleSettings.defaults(),
                List.of(),
                List.of(),
                List.of()));
        if (expected.equals("none")) {
            assertEquals(List.of(), findings);
            return;
        }
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains(expected), f.message());
        if (!skin.equals("-") && SkinType.valueOf(skin).isDark() && area != Area.UNSPECIFIED) {
            assertTrue(f.message().contains("for skin type " + skin), f.message());
            assertTrue(f.source().contains("Hou 2017"), f.source());
        }
    }

    @Test
    void anUnspecifiedAreaSaysHowToChooseOne() {
        Finding f = areaLimit
                .check(context(at("2026-01-05T19:00", Area.UNSPECIFIED, "0.5", 1)))
                .get(0);
        assertTrue(f.message().contains("needleguard area set P AREA"), f.message());
    }

    @Test
    void theEyelidsAreNeverNeedledAtHome() {
        Finding f = notForNeedling
                .check(context(at("2026-01-05T19:00", Area.EYELIDS, "0.1", 1)))
                .get(0);
        assertEquals("area.not-for-needling", f.rule());
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.message().contains("inside the orbital rim"), f.message());
        assertTrue(f.source().contains("orbital rim [R]"), f.source());
        assertEquals(List.of(), notForNeedling.check(context(at("2026-01-05T19:00", Area.PERIORBITAL, "0.25", 1))));
    }

    @Test
    void theListOfForbiddenAreasIsConfigurable() {
        RuleSettings strict = RuleSettings.defaults().toBuilder()
                .notForNeedling(Sourced.of(
                        Set.of(Area.EYELIDS, Area.UPPER_LIP), "your configuration (rules.depth.not-for-needling)"))
                .build();
        Finding f = notForNeedling
                .check(context(
                        at("2026-01-05T19:00", Area.UPPER_LIP, "0.25", 1), ME, strict, List.of(), List.of(), List.of()))
                .get(0);
        assertEquals("your configuration (rules.depth.not-for-needling)", f.source());
    }
}
