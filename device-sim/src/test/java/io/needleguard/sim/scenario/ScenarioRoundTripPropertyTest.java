package io.needleguard.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.household.Condition;
import io.needleguard.household.SkinType;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a valid scenario holds survives being written as a file and read back. */
class ScenarioRoundTripPropertyTest {

    private static final long YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    private static final long TEN_DAYS = 10 * 24 * 3600;
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneOffset.UTC,
            ZoneOffset.ofHoursMinutes(-3, -30));

    @Property(tries = 300)
    void aWrittenScenarioReadsBackTheSame(@ForAll("scenarios") Scenario scenario, @ForAll boolean relativeAt) {
        String json = ScenarioJson.write(scenario, relativeAt);

        assertEquals(scenario, ScenarioJson.read("generated.json", json), json);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> names = Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars(" -'é")
                .ofMinLength(1)
                .ofMaxLength(30)
                .filter(name -> !name.isBlank());
        Arbitrary<OffsetDateTime> starts = Combinators.combine(
                        Arbitraries.longs().between(YEAR_2000, YEAR_2100),
                        Arbitraries.integers().between(-12 * 4, 14 * 4))
                .as((second, quarters) -> OffsetDateTime.ofInstant(
                        Instant.ofEpochSecond(second), ZoneOffset.ofTotalSeconds(quarters * 900)));
        Arbitrary<List<ScenarioOwner>> owners =
                owner().list().ofMinSize(1).ofMaxSize(3).uniqueElements(ScenarioOwner::id);
        return Combinators.combine(names, starts, owners).flatAs((name, start, ownerList) -> {
            List<String> ownerIds = ownerList.stream().map(ScenarioOwner::id).toList();
            return pen(ownerIds)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(4)
                    .uniqueElements(ScenarioPen::serial)
                    .flatMap(pens -> Combinators.combine(
                                    condition(ownerIds, start).list().ofMaxSize(3), sessions(pens, start))
                            .as((conditions, sessions) ->
                                    new Scenario(name, start, ownerList, pens, conditions, sessions)));
        });
    }

    private Arbitrary<ScenarioOwner> owner() {
        Arbitrary<String> first = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .ofLength(1);
        Arbitrary<String> rest = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-')
                .ofMaxLength(31);
        Arbitrary<Optional<SkinType>> skinTypes =
                Arbitraries.of(SkinType.class).injectNull(0.3).map(Optional::ofNullable);
        return Combinators.combine(first, rest, Arbitraries.of(ZONES), skinTypes)
                .as((f, r, zone, skin) -> new ScenarioOwner(f + r, zone, skin));
    }

    private Arbitrary<ScenarioPen> pen(List<String> ownerIds) {
        Arbitrary<String> serials =
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16);
        Arbitrary<String> models = Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars(" -_.")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(model -> !model.isBlank());
        return Combinators.combine(serials, models, Arbitraries.of(ownerIds)).as(ScenarioPen::new);
    }

    private Arbitrary<ScenarioCondition> condition(List<String> ownerIds, OffsetDateTime start) {
        Arbitrary<Instant> froms = Arbitraries.longs()
                .between(-TEN_DAYS, 3 * TEN_DAYS)
                .map(s -> start.toInstant().plusSeconds(s));
        Arbitrary<Optional<Long>> lengths =
                Arbitraries.longs().between(0, 6 * TEN_DAYS).injectNull(0.3).map(Optional::ofNullable);
        return Combinators.combine(Arbitraries.of(ownerIds), Arbitraries.of(Condition.class), froms, lengths)
                .as((owner, condition, from, length) ->
                        new ScenarioCondition(owner, condition, from, length.map(from::plusSeconds)));
    }

    /**
     * Sessions laid out pen by pen, each after its pen's previous one (touching is allowed), but
     * interleaved across pens, so the file order is not the time order.
     */
    private Arbitrary<List<ScenarioSession>> sessions(List<ScenarioPen> pens, OffsetDateTime start) {
        Arbitrary<SessionDraft> drafts = Combinators.combine(
                        Arbitraries.of(pens).map(ScenarioPen::serial),
                        Arbitraries.longs().between(0, TEN_DAYS),
                        Arbitraries.longs().between(1, SessionsSection.LONGEST.toSeconds()),
                        Arbitraries.of(Area.class),
                        Arbitraries.integers().between(0, 300).map(Depth::ofHundredths),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(16),
                        Arbitraries.of(true, false))
                .as(SessionDraft::new);
        return drafts.list().ofMaxSize(10).map(list -> {
            Map<String, Instant> penFreeAt = new HashMap<>();
            List<ScenarioSession> sessions = new ArrayList<>();
            for (SessionDraft d : list) {
                Instant begin =
                        penFreeAt.getOrDefault(d.pen(), start.toInstant()).plusSeconds(d.gapSeconds());
                Instant end = begin.plusSeconds(d.seconds());
                penFreeAt.put(d.pen(), end);
                sessions.add(new ScenarioSession(
                        sessions.size(),
                        d.pen(),
                        begin,
                        end,
                        d.area(),
                        d.depth(),
                        d.strokeHz(),
                        d.cartridge(),
                        d.offline()));
            }
            return sessions;
        });
    }

    private record SessionDraft(
            String pen,
            long gapSeconds,
            long seconds,
            Area area,
            Depth depth,
            int strokeHz,
            String cartridge,
            boolean offline) {}
}
