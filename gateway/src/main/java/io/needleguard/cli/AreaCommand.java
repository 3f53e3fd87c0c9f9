package io.needleguard.cli;

import io.needleguard.session.Area;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard area set|show}: the area a pen's next sessions are on. */
@Command(
        name = "area",
        mixinStandardHelpOptions = true,
        description = {
            "Chooses the area of a pen's next sessions.",
            "",
            "The pen cannot know where on the body it is used. The choice is written to the pen (by a running gateway within "
                    + "seconds, or on the pen's next connection), so sessions done out of range are tagged too. Sessions without a "
                    + "chosen area are 'unspecified' and judged by the strictest limits."
        },
        subcommands = {AreaCommand.Set.class, AreaCommand.Show.class})
final class AreaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Chooses the area for a pen's next sessions.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERIAL", description = "The pen's serial.")
        String serial;

        @Parameters(
                index = "1",
                paramLabel = "AREA",
                description = "One of: ${COMPLETION-CANDIDATES}.",
                completionCandidates = AreaIds.class)
        String area;

        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            Area chosen = Area.fromId(area)
                    .orElseThrow(() -> new InvalidInputException(Quote.of(area) + " is not an area"
                            + Spelling.suggestion(area, Area.ids()) + "; use one of: " + Area.allIds()));
            try (LocalState state = options.open(true)) {
                java.util.List<String> pens = state.pens();
                if (!pens.contains(serial)) {
                    throw new InvalidInputException("pen " + Quote.brief(serial) + " is not paired with this gateway"
                            + Spelling.suggestion(serial, pens) + "; "
                            + (pens.isEmpty()
                                    ? "pair it first with 'needleguard pair'"
                                    : "paired: " + String.join(", ", pens)));
                }
                state.store.areas().chooseArea(serial, chosen, clock.instant());
                PrintWriter out = spec.commandLine().getOut();
                out.println(serial + ": next sessions are on " + chosen
                        + (chosen == Area.EYELIDS ? " (note: the eyelids are not for needling at home)" : ""));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows each pen's chosen area.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (LocalState state = options.openToRead()) {
                Map<String, Area> chosen = state.store.areas().chosenAreas();
                PrintWriter out = spec.commandLine().getOut();
                if (chosen.isEmpty()) {
                    out.println("no area chosen for any pen: their sessions are 'unspecified'");
                }
                chosen.forEach((pen, a) -> out.println(pen + "  " + a));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** The area ids, for help and shell completion. */
    static final class AreaIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Area.values()).map(Area::id).iterator();
        }
    }
}
