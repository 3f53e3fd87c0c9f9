package io.needleguard.cli;

import io.needleguard.household.Owner;
import io.needleguard.json.PersonExportJson;
import io.needleguard.person.PersonRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard export --owner ID}: everything held about one person, as JSON. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Writes everything needleguard holds about one person as one JSON document: their time zone, every session "
                    + "with its findings and aftercare, their conditions, and the pens that recorded their sessions.",
            "",
            "The format is src/docs/export/person.schema.json; sessions are the objects 'history --format json' prints. "
                    + "To standard output, or to --output FILE (readable by you only: it is health data)."
        })
final class ExportCommand implements Callable<Integer> {

    @Option(
            names = "--owner",
            paramLabel = "ID",
            description = "Whose data (default: the only person; with several, say whose).")
    String owner;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path output;

    @Mixin
    StateOptions options;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        try (LocalState state = options.open(true)) {
            Owner who = owner == null ? state.one(null) : state.known(owner);
            PersonRecord record = People.record(state, who, clock.instant());
            String json = PersonExportJson.write(record, Main.version());
            PrintWriter out = spec.commandLine().getOut();
            if (output == null) {
                out.print(json);
            } else {
                PrivateFiles.write("--output", output, json.getBytes(StandardCharsets.UTF_8));
                out.println("Wrote everything held about " + who.id() + " to " + output + ": "
                        + record.sessions().size() + " sessions, " + record.findings() + " findings, "
                        + record.conditions().size() + " conditions, "
                        + record.pens().size() + " pens");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
