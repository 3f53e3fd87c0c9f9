package io.needleguard.history;

import static io.needleguard.history.Sessions.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener hears a change and then each session it judged again; one failing call does not stop the next. */
class AfterCommitTest {

    private static final Instant AT = Instant.parse("2026-01-05T19:00:00Z");

    private static RecordedSession recorded(long counter) {
        Session s = session("A1", counter, "me", AT.plusSeconds(counter * 86_400), Area.CHEEKS, "0.5", "C");
        return new RecordedSession(s, List.of(), AT);
    }

    @Test
    void aListenerThatFailsOnTheChangeStillHearsTheSessionsJudgedAgainInOrder() {
        List<String> heard = new ArrayList<>();
        RecorderListener failing = new RecorderListener() {
            @Override
            public void recorded(RecordedSession session) {
                heard.add("recorded " + session.session().id());
                throw new IllegalStateException("console closed");
            }

            @Override
            public void findingsChanged(RecordedSession session, List<Finding> previous) {
                heard.add("changed " + session.session().id());
            }
        };
        Finding finding = new Finding("test.marker", Severity.INFO, "planted", "test", null);

        new AfterCommit(failing)
                .recorded(
                        recorded(1),
                        List.of(new Rejudged(recorded(2), List.of(finding)), new Rejudged(recorded(3), List.of())));

        assertEquals(List.of("recorded A1:1", "changed A1:2", "changed A1:3"), heard);
    }
}
