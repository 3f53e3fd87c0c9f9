package io.needleguard.cli;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SessionRecorder;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.text.InvalidInputException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code needleguard history assign SESSION --owner ID}: a session recorded for the wrong person given to
 * the right one. Works while {@code run} runs: the gateway sees the change and publishes it.
 */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        description = {
            "Gives a recorded session to another person of the household (it was recorded for the wrong one).",
            "",
            "Only the owner changes: what was measured stays, and whose it was and when it changed are kept and"
                    + " shown by 'history'. Both people's sessions after it are judged again and published."
        })
final class HistoryAssignCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "SESSION",
            description = "The session, e.g. PEN-1:12 or hand-3 ('needleguard history' shows ids).")
    String id;

    @Option(names = "--owner", paramLabel = "ID", required = true, description = "The person it was ('owner list').")
    String owner;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        SessionId session = LogCommand.sessionId(id);
        try (LocalState state = options.open(true)) {
            SessionRecorder.Assignment done;
            try {
                done = state.recorder(clock).assign(session, owner);
            } catch (RefusedEntry e) {
                throw new InvalidInputException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            Session s = done.now().session();
            out.println("assigned " + s.id() + " to " + s.owner() + " (was "
                    + done.change().previousOwner() + "): " + LogCommand.summary(s, state.household.zoneOf(s.owner())));
            SessionText text = new SessionText(Ansi.AUTO);
            done.now().findings().forEach(f -> out.println("    " + text.finding(f)));
            // Each person's sessions judged again, in their own time zone.
            Map<String, List<RecordedSession>> byOwner = new TreeMap<>();
            done.rejudged()
                    .forEach(r -> byOwner.computeIfAbsent(r.session().owner(), o -> new ArrayList<>())
                            .add(r));
            byOwner.forEach((person, changed) -> {
                out.print(person + ": ");
                ConditionCommand.rejudged(changed, state.household.ownerOrDefault(person), out);
            });
            out.flush();
        }
        return ExitCodes.OK;
    }
}
