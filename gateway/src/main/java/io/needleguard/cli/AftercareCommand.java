package io.needleguard.cli;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.rules.Aftercare;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.text.InvalidInputException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard aftercare}: what to do and avoid after a session, and until when. */
@Command(
        name = "aftercare",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the aftercare plan of a session (by default each person's latest): what to avoid, and until when."
        })
final class AftercareCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "SESSION",
            description = "A session id, e.g. SIM-0001:12 (default: the latest per person).")
    String session;

    @Option(names = "--owner", paramLabel = "ID", description = "Only this person's latest session.")
    String owner;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        try (LocalState state = options.openToRead()) {
            List<RecordedSession> chosen;
            if (session != null) {
                SessionId id;
                try {
                    id = SessionId.parse(session);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(e.getMessage());
                }
                chosen = List.of(state.store
                        .sessions()
                        .find(id)
                        .orElseThrow(() -> new InvalidInputException(
                                "no session " + session + " in the history; 'needleguard history' lists them")));
            } else {
                chosen = state.owners(owner).stream()
                        .flatMap(o ->
                                state.store.sessions().list(HistoryQuery.all().withOwner(o.id())).stream()
                                        .reduce((a, b) -> b)
                                        .stream())
                        .toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            SessionText text = new SessionText(Ansi.AUTO);
            if (chosen.isEmpty()) {
                out.println("no sessions recorded yet");
            }
            Instant now = clock.instant();
            for (RecordedSession r : chosen) {
                Session s = r.session();
                ZoneId zone = state.household.zoneOf(s.owner());
                out.println(text.bold("After " + s.id()) + "  " + SessionText.when(s, zone, SessionText.DAY_TIME) + "  "
                        + text.columns(s));
                for (Aftercare.Step step : Aftercare.planFor(s)) {
                    boolean over = !now.isBefore(step.until());
                    String line = "  until "
                            + SessionText.DAY_TIME.format(step.until().atZone(zone)) + "  " + step.advice();
                    out.println(over ? text.dim(line + " (over)") : line);
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
