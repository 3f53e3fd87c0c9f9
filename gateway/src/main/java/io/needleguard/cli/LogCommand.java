package io.needleguard.cli;

import io.needleguard.config.ConfigExample;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandEntryText;
import io.needleguard.history.HandLog;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.RefusedEntry;
import io.needleguard.household.Device;
import io.needleguard.rules.NextSafe;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code needleguard log}: a session done with a device that cannot report it (a derma roller, a pen
 * without Bluetooth), logged by hand and judged at once; {@code log edit} and {@code log delete} correct
 * it. The work is {@link HandLog}'s, which MQTT and the dashboard use too.
 */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = {
            "Logs a session by hand (a derma roller, a pen without Bluetooth) and prints its findings and the next safe time.",
            "",
            "Without --at, the session is taken to have ended now. A session logged late takes its place in the history, "
                    + "and the sessions after it are judged again. Findings, even critical ones, are information: "
                    + "the exit code is 0 once the session is logged, and 2 when the input cannot be a session "
                    + "(nothing is stored then). 'log edit' corrects a session logged by hand, 'log delete' removes one; "
                    + "a pen's sessions are what it measured and cannot be changed."
        },
        subcommands = {LogCommand.Edit.class, LogCommand.Delete.class})
final class LogCommand implements Callable<Integer> {

    @Mixin
    EntryOptions entry;

    @Mixin
    StateOptions options;

    @Option(names = "--new-history", description = NEW_HISTORY)
    boolean newHistory;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    /** The option's words, for log and condition add alike. */
    static final String NEW_HISTORY = "Start an empty history in the data directory if it holds none yet (without it,"
            + " a missing history is refused: a mistyped --data-dir would keep this apart from your history).";

    @Override
    public Integer call() {
        if (entry.area == null) {
            throw new InvalidInputException("--area is missing: say where the skin was needled, e.g. --area cheeks;"
                    + " one of: " + io.needleguard.session.Area.allIds());
        }
        try (LocalState state = options.openOrStart(newHistory)) {
            HandEntry.Builder builder = entry.builder(state, options);
            if (entry.owner == null && entry.device == null) {
                // The only person, or say whose: the same rule as every command that acts for one person.
                builder.owner(state.one(null).id());
            }
            HandLog.Logged logged = refusedIsUsage(() -> state.handLog(clock).log(builder.build()));
            PrintWriter out = spec.commandLine().getOut();
            print(out, "logged", logged);
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** What a session logged by hand says, the same options for logging and for correcting. */
    static final class EntryOptions {
        @Option(
                names = "--area",
                paramLabel = "AREA",
                description = "Where: ${COMPLETION-CANDIDATES}.",
                completionCandidates = AreaCommand.AreaIds.class)
        String area;

        @Option(
                names = "--depth",
                paramLabel = "MM",
                description = "The needle depth in mm, e.g. 0.5 (a configured roller gives its own).")
        String depth;

        @Option(
                names = "--duration",
                paramLabel = "DURATION",
                description = "How long, e.g. 10m, 90s or 1h05m (left out: not known, and said so).")
        String duration;

        @Option(
                names = "--at",
                paramLabel = "DATE-TIME",
                description = "When it started: 2026-11-28T20:15 (in the person's time zone) or with an offset"
                        + " (default: it ended just now).")
        String at;

        @Option(
                names = "--owner",
                paramLabel = "ID",
                description = "Whose skin (default: the device's owner, or the only person).")
        String owner;

        @Option(
                names = "--cartridge",
                paramLabel = "ID",
                description = "The needle cartridge or roller head, e.g. C-12 (\"\" for none).")
        String cartridge;

        @Option(
                names = "--device",
                paramLabel = "ID",
                description = "A device under devices: in the configuration, e.g. roller-1 (\"\" for none).")
        String device;

        /** The options given, parsed; names are checked against what the configuration and history know. */
        HandEntry.Builder builder(LocalState state, StateOptions options) {
            HandEntry.Builder b = HandEntry.builder();
            if (area != null) {
                b.area(HandEntryText.area("--area", area));
            }
            if (depth != null) {
                b.depth(HandEntryText.depth("--depth", depth));
            }
            if (duration != null) {
                b.duration(HandEntryText.duration("--duration", duration));
            }
            if (at != null) {
                b.at(HandEntryText.at("--at", at));
            }
            if (owner != null) {
                b.owner(state.known(owner).id());
            }
            if (cartridge != null) {
                b.cartridge(cartridge);
            }
            if (device != null) {
                b.device(device.isEmpty() ? "" : known(state, options, device).id());
            }
            return b;
        }

        private static Device known(LocalState state, StateOptions options, String id) {
            List<String> ids =
                    state.household.devices().stream().map(Device::id).toList();
            return state.household
                    .device(id)
                    .orElseThrow(() -> new InvalidInputException("--device: " + Quote.of(id) + " is not a device"
                            + Spelling.suggestion(id, ids) + "; "
                            + (ids.isEmpty()
                                    ? "no devices are configured: name it under devices: in "
                                            + options.config()
                                                    .file()
                                                    .map(Object::toString)
                                                    .orElse("the configuration")
                                            + " (" + ConfigExample.path() + " has an example)"
                                    : "known: " + String.join(", ", ids))));
        }
    }

    @Command(
            name = "edit",
            mixinStandardHelpOptions = true,
            description = {
                "Corrects a session logged by hand: what you give replaces what it said, the rest stays.",
                "",
                "It is judged again where it now belongs, and so are the sessions after it. A pen's sessions cannot be edited."
            })
    static final class Edit implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The session, e.g. hand-3 ('needleguard history' shows ids).")
        String id;

        @Mixin
        EntryOptions entry;

        @Mixin
        StateOptions options;

        @ParentCommand
        LogCommand log;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            SessionId session = sessionId(id);
            try (LocalState state = log.beforeSubcommand("edit", options).open(true)) {
                HandEntry changes = entry.builder(state, options).build();
                HandLog.Logged logged =
                        refusedIsUsage(() -> state.handLog(clock).edit(session, changes));
                PrintWriter out = spec.commandLine().getOut();
                print(out, "corrected", logged);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Deletes a session logged by hand; the sessions after it are judged again.",
                "",
                "Its id is not given to another session. A pen's sessions cannot be deleted."
            })
    static final class Delete implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The session, e.g. hand-3 ('needleguard history' shows ids).")
        String id;

        @Mixin
        StateOptions options;

        @ParentCommand
        LogCommand log;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            SessionId session = sessionId(id);
            try (LocalState state = log.beforeSubcommand("delete", options).open(true)) {
                HandLog.Deleted deleted =
                        refusedIsUsage(() -> state.handLog(clock).delete(session));
                PrintWriter out = spec.commandLine().getOut();
                Session s = deleted.was().session();
                out.println(
                        "deleted " + s.id() + ": " + summary(s, deleted.owner().zone()));
                ConditionCommand.rejudged(deleted.rejudged(), deleted.owner(), out);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The options given to {@code log} before {@code edit} or {@code delete}: {@code --data-dir} and
     * {@code --config} are honoured; any other would not be used, and is refused rather than ignored.
     */
    StateOptions beforeSubcommand(String subcommand, StateOptions own) {
        List<String> unused = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName)
                .filter(name -> !name.equals("--data-dir") && !name.equals("--config"))
                .toList();
        if (!unused.isEmpty()) {
            throw new InvalidInputException(
                    String.join(", ", unused) + " before '" + subcommand + "' is not used there:"
                            + (subcommand.equals("edit")
                                    ? " give what to correct after the session's id (needleguard log edit hand-3 --duration 10m)"
                                    : " 'log delete' takes only the session's id"));
        }
        return own.withParent(options);
    }

    static SessionId sessionId(String text) {
        try {
            return SessionId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(Quote.of(text) + ": " + e.getMessage()
                    + "; 'needleguard history' shows the ids (sessions logged by hand are hand-N)");
        }
    }

    /** A refused entry is the user's to fix: exit 2, with the entry's own words. */
    private static <T> T refusedIsUsage(Supplier<T> work) {
        try {
            return work.get();
        } catch (RefusedEntry e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** The session as stored, its findings, when its area is next safe, and what it changed. */
    private static void print(PrintWriter out, String what, HandLog.Logged logged) {
        SessionText text = new SessionText(Ansi.AUTO);
        RecordedSession r = logged.session();
        Session s = r.session();
        ZoneId zone = logged.owner().zone();
        out.println(what + " " + s.id() + ": " + summary(s, zone));
        r.findings().forEach(f -> out.println("    " + text.finding(f)));
        out.println(nextSession(s, logged.next(), zone));
        ConditionCommand.rejudged(logged.rejudged(), logged.owner(), out);
    }

    /** With the year: a session logged late may be from another one. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    /** {@code alex, cheeks at 0.50 mm, Sat 28 Nov 2026 20:15, 8m00s, cartridge C-12, roller-1}. */
    static String summary(Session s, ZoneId zone) {
        return s.owner() + ", " + s.area() + " at " + s.depth() + ", "
                + WHEN.format(s.start().atZone(zone)) + ", "
                + s.duration().map(SessionText::duration).orElse("duration not given")
                + (s.cartridge().isEmpty() ? "" : ", cartridge " + s.cartridge())
                + s.device().map(d -> ", " + d).orElse("");
    }

    private static String nextSession(Session s, Optional<NextSafe> next, ZoneId zone) {
        if (next.isEmpty()) {
            return "next session on " + s.area() + ": safe now";
        }
        NextSafe n = next.get();
        return "next session on " + s.area() + ": "
                + n.when(t -> WHEN.format(t.atZone(zone)))
                + "  (" + n.rule() + ": " + n.reason() + ")";
    }
}
