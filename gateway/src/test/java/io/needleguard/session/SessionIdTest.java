package io.needleguard.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a session's id reads, for a pen's sessions of every generation and for hand entries. */
class SessionIdTest {

    @Test
    void theFirstGenerationReadsAsIdsAlwaysDidAndLaterOnesNameTheirGeneration() {
        assertEquals("SIM-0001:12", new SessionId("SIM-0001", 12).toString());
        assertEquals("SIM-0001:12", new SessionId("SIM-0001", 0, 12).toString());
        assertEquals("SIM-0001:1.12", new SessionId("SIM-0001", 1, 12).toString());
        assertEquals(
                "SIM-0001:2.1", new SessionId("SIM-0001", 1, 1).nextGeneration().toString());
        assertEquals("hand-3", SessionId.handEntry(3).toString());
    }

    @Test
    void everyIdReadsBackAsItself() {
        for (SessionId id : List.of(
                new SessionId("SIM-0001", 12),
                new SessionId("SIM-0001", 3, 12),
                new SessionId("SIM-0001", 1, SessionId.MAX_COUNTER),
                // A serial may hold any printable character: what follows its last colon is ours.
                new SessionId("AB:CD", 7),
                new SessionId("AB:1.2", 7),
                new SessionId("AB.9", 2, 7),
                new SessionId("hand-1", 4),
                SessionId.handEntry(9))) {
            assertEquals(id, SessionId.parse(id.toString()), id.toString());
        }
    }

    @Test
    void whatIsNotAnIdIsRefusedNamingBothForms() {
        for (String text : List.of(
                "SIM-0001:",
                "SIM-0001:0.5",
                "SIM-0001:1.",
                "SIM-0001:.5",
                "SIM-0001:1.2.3",
                "SIM-0001:-1",
                "SIM-0001:1e9",
                "SIM-0001:4294967296",
                "SIM-0001: 5",
                ":5",
                "hand-0",
                "hand1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionId.parse(text));
            assertTrue(e.getMessage().contains("SERIAL:COUNTER or SERIAL:GENERATION.COUNTER"), e.getMessage());
        }
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> SessionId.parse("P:" + "9".repeat(100_000)))
                                .getMessage()
                                .length()
                        < 200,
                "not echoed whole");
    }

    @Test
    void generationsFollowEachOtherInThePensOrder() {
        List<SessionId> ids = new ArrayList<>(List.of(
                new SessionId("P", 1, 1), new SessionId("P", 9), new SessionId("P", 2, 1), SessionId.handEntry(1)));
        Collections.sort(ids);
        assertEquals(
                List.of(
                        SessionId.handEntry(1),
                        new SessionId("P", 9),
                        new SessionId("P", 1, 1),
                        new SessionId("P", 2, 1)),
                ids);
    }
}
