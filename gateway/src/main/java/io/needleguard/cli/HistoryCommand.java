package io.needleguard.cli;

import io.needleguard.history.HistoryQuery;
import io.needleguard.history.RecordedSession;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard history}: the recorded sessions with their findings. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        subcommands = HistoryAssignCommand.class,
        description = {
            "Lists recorded sessions with their safety findings, oldest first.",
            "",
            "Times are shown in each owner's time zone. The json format also carries each session's aftercare plan.",
            "A session given to another person ('history assign') shows whose it was until when."
        })
final class HistoryCommand implements Callable<Integer> {

    enum Format {
        table,
        json,
        csv
    }

    @Mixin
    StateOptions options;

    @Option(names = "--pen", paramLabel = "SERIAL", description = "Only this pen's sessions.")
    String pen;

    @Option(names = "--owner", paramLabel = "ID", description = "Only this owner's sessions.")
    String owner;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description =
                    "Only sessions from this date (2026-01-05, in this machine's time zone) or date-time with offset.")
    String since;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), json (an array of the objects 'replay' prints) or csv.")
    Format format;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        HistoryQuery query = HistoryQuery.all();
        if (since != null) {
            query = query.withSince(Dates.parse("--since", since, ZoneId.systemDefault(), clock.instant()));
        }
        try (LocalState state = options.openToRead()) {
            // A filter that names no pen or person is a mistake, not an empty history.
            if (pen != null) {
                Set<String> known = new TreeSet<>(state.store.sessions().pens());
                known.addAll(state.pens());
                if (!known.contains(pen)) {
                    throw new InvalidInputException("--pen: no pen " + Quote.brief(pen) + " in the history or paired"
                            + Spelling.suggestion(pen, known) + "; known: "
                            + (known.isEmpty() ? "none" : String.join(", ", known)));
                }
                query = query.withPen(pen);
            }
            if (owner != null) {
                query = query.withOwner(state.known(owner).id());
            }
            Map<String, ZoneId> zones = state.store.sessions().ownerZones();
            HistoryQuery chosen = query;
            // Read on a thread of its own, while the listing formats what has come.
            try (ReadAhead<RecordedSession> sessions =
                    ReadAhead.start("history", each -> state.store.sessions().each(chosen, each))) {
                new SessionListing(
                                id -> zones.getOrDefault(id, state.household.zoneOf(id)),
                                state.store.history().assignments().latestOfEach())
                        .print(spec.commandLine().getOut(), sessions, SessionListing.Format.valueOf(format.name()));
            }
        }
        return ExitCodes.OK;
    }
}
