package io.needleguard.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.session.Area;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AreaChoices} does, run against each implementation. */
public abstract class AreaChoicesContract {

    private static final Instant T1 = Instant.parse("2026-01-05T18:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-06T18:00:00Z");

    protected AreaChoices areas;
    private AutoCloseable closer;

    protected abstract AreaChoices create();

    protected abstract AutoCloseable closer();

    @BeforeEach
    void open() {
        areas = create();
        closer = closer();
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    @Test
    void aPenWithoutAChoiceHasNone() {
        assertEquals(Optional.empty(), areas.chosenArea("PEN-1"));
        assertEquals(Map.of(), areas.chosenAreas());
    }

    @Test
    void aLaterChoiceReplacesTheEarlierOneAndEachPenHasItsOwn() {
        areas.chooseArea("PEN-1", Area.CHEEKS, T1);
        areas.chooseArea("PEN-2", Area.FOREHEAD, T1);
        areas.chooseArea("PEN-1", Area.NOSE, T2);

        assertEquals(Optional.of(Area.NOSE), areas.chosenArea("PEN-1"));
        assertEquals(Map.of("PEN-1", Area.NOSE, "PEN-2", Area.FOREHEAD), areas.chosenAreas());
    }
}
