package io.needleguard.mqtt.message;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.needleguard.history.RecordedSession;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each wither changes what it names and keeps every other field: compared field by field over the
 * record's components, so a field added later is checked too.
 */
class PenStateTest {

    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    private static RecordedSession recorded(long counter, String start) {
        return new RecordedSession(session("NG-1", counter, start, Area.NOSE, "0.5", "C-1"), List.of(), NOW);
    }

    /** A state with every field set, none to what a wither below sets. */
    private static final PenState FULL = new PenState(
            "NG-1",
            "alex",
            true,
            Optional.of(80),
            true,
            Optional.of(Depth.ofMm("0.5")),
            Optional.of(100),
            Optional.of("C-1"),
            Optional.of(Area.NOSE),
            Optional.of("NG pen"),
            Optional.of("1.0"),
            Optional.of(recorded(1, "2026-01-30T19:00:00Z")),
            2);

    private static void changesOnly(UnaryOperator<PenState> wither, String... changed) {
        PenState after = wither.apply(FULL);
        Set<String> named = Set.of(changed);
        for (RecordComponent c : PenState.class.getRecordComponents()) {
            Object was = value(c, FULL);
            Object now = value(c, after);
            if (named.contains(c.getName())) {
                assertNotEquals(was, now, c.getName() + " is what the wither changes");
            } else {
                assertEquals(was, now, c.getName() + " is kept");
            }
        }
        assertEquals(
                named,
                Arrays.stream(PenState.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .filter(named::contains)
                        .collect(Collectors.toSet()),
                "the fields named exist");
    }

    private static Object value(RecordComponent c, PenState state) {
        try {
            return c.getAccessor().invoke(state);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachWitherKeepsEveryOtherField() {
        changesOnly(s -> s.withConnected(false), "connected");
        changesOnly(s -> s.withBattery(55), "battery");
        changesOnly(s -> s.withLive(false, Depth.ofMm("1.0"), 120, "C-2"), "running", "depth", "strokeHz", "cartridge");
        changesOnly(s -> s.withArea(Area.FOREHEAD), "area");
        changesOnly(s -> s.withIdentity("NG pen 2", "2.0"), "model", "firmware");
        changesOnly(s -> s.withSession(recorded(2, "2026-01-31T19:00:00Z")), "lastSession");
        changesOnly(s -> s.withOpenFindings(0), "openFindings");
    }

    @Test
    void theWithersSayWhatTheyNameOnly() {
        PenState after =
                FULL.withLive(false, Depth.ofMm("1.0"), 120, "").withBattery(55).withIdentity("NG pen 2", "2.0");
        assertEquals(Optional.empty(), after.cartridge(), "no cartridge read");
        assertEquals(Optional.of(55), after.battery());
        assertEquals(Optional.of("2.0"), after.firmware());
        assertEquals(FULL.lastSession(), after.lastSession());
    }

    @Test
    void anOlderSessionSyncedLateDoesNotReplaceTheLatest() {
        assertSame(FULL, FULL.withSession(recorded(0, "2026-01-29T19:00:00Z")));
    }
}
