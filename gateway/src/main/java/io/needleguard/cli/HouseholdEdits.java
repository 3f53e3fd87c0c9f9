package io.needleguard.cli;

import io.needleguard.household.HouseholdChanges;
import io.needleguard.household.Owner;
import io.needleguard.household.Person;
import io.needleguard.household.RefusedChange;
import io.needleguard.household.SkinType;
import io.needleguard.text.InvalidInputException;
import io.needleguard.text.Quote;
import io.needleguard.text.RefusedValue;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands that change the household through {@link HouseholdChanges}: {@code owner add|list|rename|
 * set|remove}, {@code pens owner} and {@code pens lend}. A refused change exits 2 with its message; a
 * running gateway on the same history applies a change within a second (it watches the database).
 */
final class HouseholdEdits {

    private HouseholdEdits() {}

    /** Runs one change: its message on success, exit 2 with the refusal's message otherwise. */
    abstract static class Edit implements Callable<Integer> {
        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        // Setting the household up before the first run is usual, so a new history may be started here,
        // but only when asked: a mistyped --data-dir must not quietly hold the household apart.
        @Option(names = "--new-history", description = LogCommand.NEW_HISTORY)
        boolean newHistory;

        Clock clock = Clock.systemUTC();

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalState state = options.openOrStart(newHistory)) {
                out.println(change(state.changes(clock)));
                out.flush();
                return ExitCodes.OK;
            } catch (RefusedChange e) {
                throw new InvalidInputException(e.getMessage());
            }
        }

        abstract String change(HouseholdChanges changes);
    }

    /**
     * {@code value} given to {@code option}, read by {@code parse} as the configuration file reads the
     * same value: the same refusals, the message naming the option.
     */
    static <T> T option(String option, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (RefusedValue e) {
            throw new InvalidInputException(option + ": " + e.getMessage());
        }
    }

    static Optional<ZoneId> zone(String zone) {
        return Optional.ofNullable(zone).map(z -> option("--zone", z, Owner::parseZone));
    }

    static Optional<SkinType> skinType(String type) {
        return Optional.ofNullable(type).map(t -> option("--skin-type", t, SkinType::parse));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a person to the household.")
    static final class Add extends Edit {
        @Parameters(
                paramLabel = "ID",
                description = "A stable id: a-z, 0-9 and '-' (used in the history and MQTT topics).")
        String id;

        @Option(names = "--name", description = "The name shown (default: the id).")
        String name;

        @Option(names = "--zone", description = "Their time zone, e.g. Europe/Berlin (default: this machine's).")
        String zone;

        @Option(names = "--skin-type", description = "Fitzpatrick skin type, I to VI.")
        String skinType;

        @Override
        String change(HouseholdChanges changes) {
            Person p = changes.addPerson(id, Optional.ofNullable(name), zone(zone), skinType(skinType));
            return "Added " + p.id() + " (" + p.name() + ", " + p.zone() + ").";
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Changes a person's name; the id stays.")
    static final class Rename extends Edit {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        String change(HouseholdChanges changes) {
            Person p = changes.renamePerson(id, name);
            return p.id() + " is now shown as " + Quote.of(p.name()) + ".";
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Changes a person's time zone or skin type.")
    static final class Set extends Edit {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--zone", description = "Their time zone, e.g. Europe/Berlin.")
        String zone;

        @Option(names = "--skin-type", description = "Fitzpatrick skin type, I to VI.")
        String skinType;

        @Override
        String change(HouseholdChanges changes) {
            if (zone == null && skinType == null) {
                throw new InvalidInputException("nothing to change: give --zone or --skin-type");
            }
            Person p = changes.setPerson(id, zone(zone), skinType(skinType));
            return p.id() + ": zone " + p.zone() + ", skin type "
                    + p.skinType().map(SkinType::id).orElse("not given")
                    + ". Sessions already recorded keep the zone they were judged in.";
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes a person from the household. Their history is kept (listed as a former person); "
                    + "'owner erase' deletes it.")
    static final class Remove extends Edit {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        String change(HouseholdChanges changes) {
            Person p = changes.removePerson(id);
            return "Removed " + p.id() + " from the household. Their sessions and conditions stay in the history; "
                    + "'needleguard owner erase " + p.id() + "' deletes them.";
        }
    }

    /** A listing of the household as a table, or a sentence with the next step when there is nothing. */
    abstract static class Listing implements Callable<Integer> {
        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalState state = options.open(true)) {
                List<List<String>> rows = rows(state.changes);
                if (rows.isEmpty()) {
                    out.println(whenEmpty(state.changes));
                } else {
                    List<List<String>> lines = new ArrayList<>();
                    lines.add(header());
                    lines.addAll(rows);
                    PensCommand.aligned(out, lines);
                }
                out.flush();
            }
            return ExitCodes.OK;
        }

        abstract List<String> header();

        abstract List<List<String>> rows(HouseholdChanges changes);

        abstract String whenEmpty(HouseholdChanges changes);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the household's people.")
    static final class ListPeople extends Listing {
        @Override
        List<String> header() {
            return List.of("ID", "NAME", "ZONE", "SKIN TYPE", "FROM");
        }

        @Override
        List<List<String>> rows(HouseholdChanges changes) {
            Function<HouseholdChanges.Member, String> from = m -> switch (m.source()) {
                case FILE -> "set in the configuration file";
                case DATABASE -> "added";
                case FORMER -> "former (removed)";
            };
            List<List<String>> rows = new ArrayList<>();
            for (HouseholdChanges.Member m : changes.people()) {
                rows.add(List.of(
                        m.owner().id(),
                        Quote.brief(m.name()),
                        m.owner().zone().getId(),
                        m.owner().skinType().map(SkinType::id).orElse("-"),
                        from.apply(m)));
            }
            return rows;
        }

        @Override
        String whenEmpty(HouseholdChanges changes) {
            return "Nobody added: every pen is "
                    + changes.household().firstOwner().id() + "'s. Add people with 'needleguard owner add ID'.";
        }
    }

    @Command(
            name = "owner",
            mixinStandardHelpOptions = true,
            description = "Gives a pen to a person: its next sessions are theirs. Sessions already recorded stay "
                    + "whose they were ('needleguard history assign' moves one).")
    static final class PenOwner extends Edit {
        @Parameters(index = "0", paramLabel = "SERIAL")
        String serial;

        @Parameters(index = "1", paramLabel = "ID")
        String owner;

        @Override
        String change(HouseholdChanges changes) {
            changes.setPenOwner(serial, owner);
            return "Pen " + serial + " is " + owner + "'s from its next session.";
        }
    }

    @Command(
            name = "lend",
            mixinStandardHelpOptions = true,
            description = "Lends a pen to a person for one session: its next session (the first that starts from now "
                    + "on) is theirs, then it is its owner's again. Lending it to its owner gives it back.")
    static final class Lend extends Edit {
        @Parameters(paramLabel = "SERIAL")
        String serial;

        @Option(names = "--to", required = true, paramLabel = "ID", description = "Whose the next session is.")
        String person;

        @Override
        String change(HouseholdChanges changes) {
            changes.lendPen(serial, person);
            return "Pen " + serial + "'s next session is " + person + "'s.";
        }
    }
}
