package io.needleguard.cli;

import io.needleguard.history.SafetyStatus;
import io.needleguard.history.SafetyStatus.AreaStatus;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Owner;
import io.needleguard.rules.NextSafe;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard status}: when each person may next needle each area, and why. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows, per person and area, when the next session is safe and which rule sets the date.",
            "",
            "Areas not listed are safe now. The next session is assumed as deep as the last one on that area."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StateOptions options;

    @Option(names = "--owner", paramLabel = "ID", description = "Only this person.")
    String owner;

    @Option(
            names = "--at",
            paramLabel = "DATE-TIME",
            description = "The status as it stands at this time (default: now).")
    String at;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SessionText text = new SessionText(Ansi.AUTO);
        try (LocalState state = options.openToRead()) {
            SafetyStatus status = new SafetyStatus(state.store.sessions(), state.store.conditions(), state.check);
            for (Owner o : state.owners(owner)) {
                Instant now = at == null ? clock.instant() : Dates.parse("--at", at, o.zone(), clock.instant());
                print(
                        out,
                        text,
                        o,
                        now,
                        status.forOwner(o, now),
                        state.store.conditions().conditions(o.id()),
                        state);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(
            PrintWriter out,
            SessionText text,
            Owner owner,
            Instant now,
            List<AreaStatus> areas,
            List<ConditionPeriod> conditions,
            LocalState state) {
        ZoneId zone = owner.zone();
        out.println(text.bold(owner.id()) + "  (" + zone
                + owner.skinType().map(t -> ", skin type " + t.id()).orElse("") + ")  as of "
                + SessionText.when(now, zone, SessionText.DAY_TIME));
        int months = state.check.settingsFor(owner).isotretinoinMonths().value();
        List<ConditionPeriod> active =
                conditions.stream().filter(c -> c.activeAt(now, months, zone)).toList();
        for (ConditionPeriod c : active) {
            out.println("  condition #" + c.id() + " " + c.condition() + " ("
                    + c.condition().kind().name().toLowerCase(Locale.ROOT)
                    + " list) since " + ConditionCommand.moment(c.from(), zone)
                    + c.effectiveEnd(months, zone)
                            .map(e -> ", counts " + ConditionCommand.ending(e, zone))
                            .orElse(", open-ended"));
        }
        List<AreaStatus> restricted =
                areas.stream().filter(a -> a.nextSafe().isPresent()).toList();
        if (restricted.isEmpty()) {
            out.println("  every area is safe now");
            out.println();
            return;
        }
        // Areas held back by the same thing (a condition holds back all of them) share one entry.
        Map<NextSafe, List<String>> groups = new LinkedHashMap<>();
        restricted.forEach(a -> groups.computeIfAbsent(a.nextSafe().get(), n -> new ArrayList<>())
                .add(a.area().id()));
        groups.forEach((n, names) -> {
            String when = n.when(t -> SessionText.when(t, zone, SessionText.DAY_TIME));
            out.println("  " + text.bold(String.join(", ", names)) + ": " + when + "  (" + n.rule() + ")");
            out.println("      " + n.reason());
        });
        String others = areas.stream()
                .filter(a -> a.nextSafe().isEmpty())
                .map(a -> a.area().id())
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            out.println(text.dim("  safe now: " + others));
        }
        out.println();
    }
}
