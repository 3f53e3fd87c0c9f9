package io.needleguard.cli;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.CalendarDays;
import io.needleguard.household.Condition;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.Spelling;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard condition add|end|list}: conditions that speak against needling, with dates. */
@Command(
        name = "condition",
        mixinStandardHelpOptions = true,
        description = {
            "Records a person's conditions (sunburn, a cold sore, isotretinoin...) that speak against needling.",
            "",
            ConditionCommand.LISTS + " Sessions already recorded in the condition's time are judged again."
        },
        subcommands = {ConditionCommand.Add.class, ConditionCommand.End.class, ConditionCommand.ListConditions.class})
final class ConditionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** The conditions, by list: in the help of 'condition' and of 'condition add'. */
    static final String LISTS = "Block list (no needling while active): skin-infection, cold-sore, open-wound, sunburn,"
            + " acne-flare, dermatitis-flare (eczema, rosacea, psoriasis), bleeding-disorder, isotretinoin (counts until"
            + " months after the course; see 'needleguard rules'). Caution list (needling is flagged): anticoagulants,"
            + " keloid-history, pregnancy (also breastfeeding), poor-wound-healing (also diabetes), immunosuppression.";

    /** Words people use for a condition whose id is another: the ids name the safety reference's list. */
    private static final Map<String, Condition> SAID_AS = Map.ofEntries(
            Map.entry("eczema", Condition.DERMATITIS_FLARE),
            Map.entry("rosacea", Condition.DERMATITIS_FLARE),
            Map.entry("psoriasis", Condition.DERMATITIS_FLARE),
            Map.entry("dermatitis", Condition.DERMATITIS_FLARE),
            Map.entry("herpes", Condition.COLD_SORE),
            Map.entry("acne", Condition.ACNE_FLARE),
            Map.entry("infection", Condition.SKIN_INFECTION),
            Map.entry("wound", Condition.OPEN_WOUND),
            Map.entry("accutane", Condition.ISOTRETINOIN),
            Map.entry("roaccutane", Condition.ISOTRETINOIN),
            Map.entry("blood-thinners", Condition.ANTICOAGULANTS),
            Map.entry("warfarin", Condition.ANTICOAGULANTS),
            Map.entry("keloid", Condition.KELOID_HISTORY),
            Map.entry("keloids", Condition.KELOID_HISTORY),
            Map.entry("breastfeeding", Condition.PREGNANCY),
            Map.entry("pregnant", Condition.PREGNANCY),
            Map.entry("diabetes", Condition.POOR_WOUND_HEALING),
            Map.entry("haemophilia", Condition.BLEEDING_DISORDER),
            Map.entry("hemophilia", Condition.BLEEDING_DISORDER));

    /** The condition with this id; else exit 2, with a "did you mean" for a near miss or a word it covers. */
    static Condition condition(String id) {
        return Condition.fromId(id).orElseThrow(() -> {
            List<String> ids =
                    Arrays.stream(Condition.values()).map(Condition::id).toList();
            Condition meant = SAID_AS.get(id.toLowerCase(Locale.ROOT));
            String hint = meant != null
                    ? " (did you mean '" + meant.id() + "'? it covers " + id + ")"
                    : Spelling.suggestion(id, ids);
            return new InvalidInputException(
                    Quote.of(id) + " is not a condition" + hint + "; use one of: " + Condition.allIds());
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The calendar day an exclusive end falls on: an end at midnight is the day before's end. */
    static String lastDay(Instant exclusiveEnd, ZoneId zone) {
        return CalendarDays.lastDay(exclusiveEnd, zone).toString();
    }

    /** {@code 2026-01-12}, or with its time when it does not start a day: {@code 2026-01-12 08:00}. */
    static String moment(Instant instant, ZoneId zone) {
        return CalendarDays.startsADay(instant, zone)
                ? SessionText.DATE_TIME.format(instant.atZone(zone)).substring(0, 10)
                : SessionText.when(instant, zone, SessionText.DATE_TIME);
    }

    /**
     * How a condition's (exclusive) end reads: {@code to 2026-01-13} (its last day) when it ends at a
     * day's start, as a date gives it; else {@code until 2026-02-11 12:00}, the moment it stops: one end
     * instant, said the same way everywhere.
     */
    static String ending(Instant exclusiveEnd, ZoneId zone) {
        return CalendarDays.startsADay(exclusiveEnd, zone)
                ? "to " + lastDay(exclusiveEnd, zone)
                : "until " + moment(exclusiveEnd, zone);
    }

    /** Says which recorded sessions were judged again, and their verdicts now. */
    static void rejudged(List<RecordedSession> changed, Owner owner, PrintWriter out) {
        if (changed.isEmpty()) {
            return;
        }
        out.println(changed.size() + (changed.size() == 1 ? " recorded session was" : " recorded sessions were")
                + " judged again:");
        SessionText text = new SessionText(Ansi.AUTO);
        for (RecordedSession r : changed) {
            out.println("  " + SessionText.when(r.session(), owner.zone(), SessionText.DAY_TIME) + "  "
                    + text.columns(r.session()));
            r.findings().forEach(f -> out.println("      " + text.finding(f)));
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a condition, from a date, until a date or open-ended.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "CONDITION", description = "The condition id. " + LISTS)
        String condition;

        @Option(
                names = "--owner",
                paramLabel = "ID",
                description = "Whose condition (default: the only person; with several, say whose).")
        String owner;

        @Option(names = "--from", paramLabel = "DATE", description = "Since when (2026-01-24; default: today).")
        String from;

        @Option(
                names = "--until",
                paramLabel = "DATE",
                description = "The last day it lasts (for isotretinoin: of the course); "
                        + "leave out while it lasts and end it later.")
        String until;

        @Mixin
        StateOptions options;

        @Option(names = "--new-history", description = LogCommand.NEW_HISTORY)
        boolean newHistory;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            Condition kind = condition(condition);
            try (LocalState state = options.openOrStart(newHistory)) {
                Owner who = state.one(owner);
                ZoneId zone = who.zone();
                Instant start = from == null
                        ? CalendarDays.start(CalendarDays.today(clock.instant(), zone), zone)
                        : Dates.parse("--from", from, zone, clock.instant());
                Optional<Instant> end =
                        Optional.ofNullable(until).map(u -> Dates.parseEnd("--until", u, zone, clock.instant()));
                // The end is exclusive (the day after the last): a last day before the first ends where it starts.
                if (end.isPresent() && !end.get().isAfter(start)) {
                    throw new InvalidInputException("--until " + until + " is before --from "
                            + (from == null ? "(today, " + start.atZone(zone).toLocalDate() + ")" : from)
                            + "; the last day cannot come before the first");
                }
                SessionRecorder.ConditionChange change =
                        state.recorder(clock).addCondition(new ConditionPeriod(0, who.id(), kind, start, end));
                ConditionPeriod stored = change.condition();
                PrintWriter out = spec.commandLine().getOut();
                out.println("added #" + stored.id() + ": " + kind + " for " + who.id() + " from "
                        + moment(start, zone)
                        + end.map(e -> " " + ending(e, zone))
                                .orElse(" (until you end it: needleguard condition end " + stored.id() + ")"));
                rejudged(change.rejudged(), who, out);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "Ends a condition (it is over, or healed).")
    static final class End implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The condition's number, as 'condition list' shows it.")
        long id;

        @Option(names = "--on", paramLabel = "DATE", description = "The last day it lasted (default: today).")
        String on;

        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            try (LocalState state = options.open(true)) {
                ConditionPeriod existing = state.store.conditions().allConditions().stream()
                        .filter(c -> c.id() == id)
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException(
                                "there is no condition #" + id + "; 'needleguard condition list' shows them"));
                Owner who = state.household.ownerOrDefault(existing.owner());
                ZoneId zone = who.zone();
                Instant end = on == null
                        ? CalendarDays.endOf(CalendarDays.today(clock.instant(), zone), zone)
                        : Dates.parseEnd("--on", on, zone, clock.instant());
                if (end.isBefore(existing.from())) {
                    throw new InvalidInputException(
                            "--on " + on + " is before the condition started; it cannot end before it began");
                }
                SessionRecorder.ConditionChange change =
                        state.recorder(clock).endCondition(id, end).orElseThrow();
                PrintWriter out = spec.commandLine().getOut();
                out.println("ended #" + id + ": " + existing.condition() + " for " + who.id() + ", "
                        + (CalendarDays.startsADay(end, zone)
                                ? "last day " + lastDay(end, zone)
                                : "at " + moment(end, zone)));
                rejudged(change.rejudged(), who, out);
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists conditions, past and present.")
    static final class ListConditions implements Callable<Integer> {
        @Option(names = "--owner", paramLabel = "ID", description = "Only this person's.")
        String owner;

        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            try (LocalState state = options.openToRead()) {
                PrintWriter out = spec.commandLine().getOut();
                List<ConditionPeriod> all = owner == null
                        ? state.store.conditions().allConditions()
                        : state.store.conditions().conditions(owner);
                if (all.isEmpty()) {
                    out.println("no conditions recorded");
                }
                for (ConditionPeriod c : all) {
                    Owner who = state.household.ownerOrDefault(c.owner());
                    int months =
                            state.check.settingsFor(who).isotretinoinMonths().value();
                    boolean active = c.activeAt(clock.instant(), months, who.zone());
                    out.println(String.format(
                            Locale.ROOT,
                            "#%-3d %-8s %-18s %-8s from %s%s%s",
                            c.id(),
                            c.owner(),
                            c.condition(),
                            c.condition().kind().name().toLowerCase(Locale.ROOT),
                            moment(c.from(), who.zone()),
                            c.until().map(u -> " " + ending(u, who.zone())).orElse(" (open)")
                                    + (c.condition() == Condition.ISOTRETINOIN
                                            ? c.effectiveEnd(months, who.zone())
                                                    .map(e -> ", counts until " + lastDay(e, who.zone()))
                                                    .orElse("")
                                            : ""),
                            active ? "  ACTIVE" : ""));
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
