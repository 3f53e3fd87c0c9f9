package io.needleguard.cli;

import io.needleguard.history.RecordedSession;
import io.needleguard.history.SessionRecorder;
import io.needleguard.household.Owner;
import io.needleguard.mqtt.bridge.PersonWithdrawal;
import io.needleguard.person.PersonRecord;
import io.needleguard.store.BackupDirectory;
import io.needleguard.store.DataDirectoryLock;
import io.needleguard.text.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard owner erase ID}: what needleguard holds about one person, erased. */
@Command(
        name = "owner",
        mixinStandardHelpOptions = true,
        description = {
            "The household's people: 'owner add ID', 'owner list', 'owner rename ID NAME', 'owner set ID --zone Z', "
                    + "'owner remove ID'; 'owner erase ID' deletes what needleguard holds about one person (see also 'export')."
        },
        subcommands = {
            HouseholdEdits.Add.class,
            HouseholdEdits.ListPeople.class,
            HouseholdEdits.Rename.class,
            HouseholdEdits.Set.class,
            HouseholdEdits.Remove.class,
            OwnerCommand.Erase.class
        })
final class OwnerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "erase",
            mixinStandardHelpOptions = true,
            description = {
                "Erases everything needleguard holds about one person: their sessions and findings, conditions, time zone, "
                        + "and the area choices of pens that recorded only their sessions and are no longer paired. Clears "
                        + "their retained MQTT topics and withdraws their Home Assistant device (through the outbox: a broker "
                        + "that cannot be reached now gets it later). Other people's sessions that counted theirs (a shared "
                        + "cartridge) are judged again without them.",
                "",
                "Says first what will go, and asks (--yes: do not ask). Refused while the configuration lists the person: "
                        + "remove them (and their pens and devices) from it, restart the gateway, then erase. Backups made "
                        + "before still hold their data."
            })
    static final class Erase implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The person to erase, e.g. alex.")
        String id;

        @Option(names = "--yes", description = "Erase without asking (for scripts).")
        boolean yes;

        @Mixin
        StateOptions options;

        @Spec
        CommandSpec spec;

        Clock clock = Clock.systemUTC();

        /** Where the answer to the question comes from; standard input unless a test gives one. */
        BufferedReader answers;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalState state = options.open(true)) {
                Owner who = state.known(id);
                refuseWhileConfigured(state, who);
                Instant now = clock.instant();
                PersonRecord record = People.record(state, who, now);
                List<String> pens = record.pensOnlyTheirs().stream()
                        .map(PersonRecord.Pen::serial)
                        .toList();
                Optional<PersonWithdrawal> mqtt = state.config.mqtt().enabled()
                        ? Optional.of(new PersonWithdrawal(
                                state.config.mqtt().settings(), state.store.outbox(), state.store.announced()))
                        : Optional.empty();
                Path backups = state.config
                        .backup()
                        .plan(options.dataDir().resolve(state.config.dataDir()))
                        .directory();
                int backupsBefore = new BackupDirectory(state.store.file().getParent(), backups)
                        .list()
                        .size();
                tellPlan(out, record, mqtt.map(m -> m.plan(who.id(), pens)), backups, backupsBefore);
                if (!confirmed(out)) {
                    out.println("Nothing was erased.");
                    out.flush();
                    return ExitCodes.FAILURE;
                }
                int[] dropped = {0};
                SessionRecorder.Erasure erasure = state.recorder(clock)
                        .eraseOwner(
                                who.id(),
                                new LinkedHashSet<>(pens),
                                state.store.erasure(),
                                () -> mqtt.ifPresent(m -> dropped[0] = m.write(who.id(), pens)));
                state.store.erasure().scrub();
                tellDone(out, who, erasure, mqtt.isPresent(), dropped[0], state);
            }
            out.flush();
            return ExitCodes.OK;
        }

        /**
         * The configuration decides who the household is: a person it still lists would be back at once (the
         * gateway publishes their status and announces their device). And a gateway that started before the
         * configuration last changed may still have them.
         */
        private void refuseWhileConfigured(LocalState state, Owner who) throws IOException {
            String file = options.config().file().map(Path::toString).orElse("the configuration");
            if (People.configured(state.config, who.id())) {
                throw new InvalidInputException(
                        who.id().equals(Owner.DEFAULT_ID)
                                        && state.config.owners().isEmpty()
                                ? "'" + who.id() + "' is the household's one person while " + file
                                        + " lists no owners:;"
                                        + " list the people under owners: (without " + who.id()
                                        + "), restart the gateway,"
                                        + " then erase " + who.id()
                                : file + " lists " + who.id() + " under owners:; remove them there (and their pens: and"
                                        + " devices:), restart the gateway (sudo systemctl restart needleguard, for the"
                                        + " package's), then erase " + who.id() + " again");
            }
            Optional<Instant> running =
                    DataDirectoryLock.runningSince(state.store.file().getParent());
            Optional<Path> config = options.config().file();
            if (running.isPresent()
                    && config.isPresent()
                    && Files.getLastModifiedTime(config.get()).toInstant().isAfter(running.get())) {
                throw new InvalidInputException(
                        "the gateway running on " + state.store.file().getParent()
                                + " started before " + config.get() + " last changed, so it may still count " + who.id()
                                + " as one of the household; restart it (sudo systemctl restart needleguard, for the"
                                + " package's), then erase " + who.id() + " again");
            }
        }

        private void tellPlan(
                PrintWriter out,
                PersonRecord record,
                Optional<PersonWithdrawal.Plan> mqtt,
                Path backups,
                int backupsBefore) {
            String who = record.owner().id();
            ZoneId zone = record.owner().zone();
            out.println("This erases everything needleguard holds about " + who + ":");
            List<RecordedSession> sessions = record.sessions();
            out.println("  " + count(sessions.size(), "session") + " with " + count(record.findings(), "finding")
                    + (sessions.isEmpty()
                            ? ""
                            : " (" + day(sessions.get(0).session().start(), zone) + " to "
                                    + day(
                                            sessions.get(sessions.size() - 1)
                                                    .session()
                                                    .start(),
                                            zone) + ")"));
            out.println("  " + count(record.conditions().size(), "condition") + ", and their time zone (" + zone + ")");
            record.pensOnlyTheirs().stream()
                    .filter(p -> p.area().isPresent())
                    .forEach(p -> out.println("  the area choice of pen " + p.serial() + " ("
                            + p.area().orElseThrow().id() + "): it recorded only " + who
                            + "'s sessions and is no longer paired"));
            record.pens().stream()
                    .filter(p -> p.onlyTheirs() && p.recorded())
                    .forEach(p -> out.println("  (pen " + p.serial() + " recorded only " + who
                            + "'s sessions but is still paired: it records for someone else from now on; 'needleguard"
                            + " forget " + p.serial() + "' if it left with " + who + ")"));
            mqtt.ifPresentOrElse(
                    plan -> {
                        out.println("  on MQTT: clears " + String.join(", ", plan.cleared())
                                + plan.device()
                                        .map(d -> "; withdraws their Home Assistant device (" + d + ")")
                                        .orElse(""));
                        out.println("    and drops messages about them still waiting for the broker");
                    },
                    () -> out.println("  (MQTT is off in the configuration: nothing is sent to a broker)"));
            out.println(
                    "Other people's sessions that counted theirs (a shared cartridge) are judged again without them.");
            out.println("Backups made before now still hold " + who + "'s data: " + count(backupsBefore, "backup")
                    + " in " + backups + ", and any copies made elsewhere. Delete them too if " + who
                    + "'s data must go from there (each holds the whole household's history).");
        }

        private boolean confirmed(PrintWriter out) throws IOException {
            if (yes) {
                return true;
            }
            BufferedReader in = answers != null
                    ? answers
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            out.print("Erase " + id + "? This cannot be undone. Type yes to erase: ");
            out.flush();
            String answer = in.readLine();
            if (answer == null) {
                // Standard input ended without an answer: a script (cron, a unit) that forgot --yes.
                out.println();
                throw new InvalidInputException(
                        "no answer (standard input ended), so nothing was erased; add --yes to erase " + id
                                + " without asking");
            }
            return answer.strip().toLowerCase(Locale.ROOT).equals("yes");
        }

        private static void tellDone(
                PrintWriter out,
                Owner who,
                SessionRecorder.Erasure erasure,
                boolean mqtt,
                int dropped,
                LocalState state) {
            var e = erasure.erased();
            out.println("Erased " + who.id() + ": " + count(e.sessions(), "session") + ", "
                    + count(e.findings(), "finding") + ", " + count(e.conditions(), "condition") + ", "
                    + count(e.areaChoices(), "area choice") + ".");
            if (mqtt) {
                out.println("  MQTT: their topics are cleared and their device withdrawn "
                        + (dropped > 0 ? "(and " + count(dropped, "waiting message") + " about them dropped) " : "")
                        + "by the running gateway now, or by the next one to start.");
            }
            List<RecordedSession> rejudged = new ArrayList<>(erasure.rejudged());
            if (!rejudged.isEmpty()) {
                out.println(count(rejudged.size(), "session") + " of other people judged again without them:");
                SessionText text = new SessionText(Ansi.AUTO);
                for (RecordedSession r : rejudged) {
                    Owner owner = state.household.ownerOrDefault(r.session().owner());
                    out.println("  " + owner.id() + "  "
                            + SessionText.when(r.session(), owner.zone(), SessionText.DAY_TIME) + "  "
                            + text.columns(r.session()));
                    if (r.findings().isEmpty()) {
                        out.println("      no findings now");
                    }
                    r.findings().forEach(f -> out.println("      " + text.finding(f)));
                }
            }
        }

        private static String day(Instant t, ZoneId zone) {
            return t.atZone(zone).toLocalDate().toString();
        }

        private static String count(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }
}
