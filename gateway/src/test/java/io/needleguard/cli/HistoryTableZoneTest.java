package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.history.RecordedSession;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history table shows each session where it happened: in its own zone, with the offset when that is not the person's now. */
class HistoryTableZoneTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static RecordedSession at(long counter, String start, ZoneId zone) {
        Instant t = Instant.parse(start);
        Session s = new Session(
                        new SessionId("P1", counter),
                        "alex",
                        Area.CHEEKS,
                        Depth.ofMm("0.25"),
                        120,
                        t,
                        t.plusSeconds(600),
                        "")
                .inZone(zone);
        return new RecordedSession(s, List.of(), t);
    }

    @Test
    void aSessionFromBeforeTheMoveShowsItsOwnDayAndOffsetAndALaterOneShowsNone() {
        StringWriter out = new StringWriter();
        new SessionListing(id -> NEW_YORK)
                .print(
                        new PrintWriter(out),
                        List.of(at(1, "2026-01-07T23:30:00Z", BERLIN), at(2, "2026-01-20T23:30:00Z", NEW_YORK)),
                        SessionListing.Format.table);
        String table = out.toString();
        // Thursday 00:30 in Berlin, where it happened (Wednesday 18:30 in New York).
        assertTrue(table.contains("2026-01-08 00:30+01:00  P1:1 "), table);
        assertTrue(table.contains("2026-01-20 18:30  P1:2 "), table);
    }
}
