package io.needleguard.cli;

import io.needleguard.household.Owner;
import io.needleguard.person.ClinicianReport;
import io.needleguard.person.ClinicianReports;
import io.needleguard.report.PdfReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard report}: a PDF of one person's home needling, for their clinician. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a report for a clinician as a PDF: the person and the period, the sessions per area with charts of "
                    + "depth over time against the limit, every finding with its reason and source, the conditions "
                    + "recorded, the cartridges used, and what needleguard is not (it informs; it does not diagnose).",
            "",
            "Drawn for print: readable in black and white (the shape of a marker says the severity). The file is "
                    + "readable by you only: it is health data. The dashboard offers the same report."
        })
final class ReportCommand implements Callable<Integer> {

    @Option(
            names = "--owner",
            paramLabel = "ID",
            description = "Whose report (default: the only person; with several, say whose).")
    String owner;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description =
                    "The first day of the period (2026-01-05, in the person's time zone; default: their first session).")
    String since;

    @Option(names = "--output", paramLabel = "FILE.pdf", required = true, description = "Where to write the PDF.")
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
            Instant now = clock.instant();
            Optional<LocalDate> from = Optional.ofNullable(since)
                    .map(s -> Dates.parse("--since", s, who.zone(), now)
                            .atZone(who.zone())
                            .toLocalDate());
            ClinicianReport report = ClinicianReports.of(
                    who, state.store.sessions(), state.store.conditions(), state.check.settingsFor(who), from, now);
            PrivateFiles.write("--output", output, PdfReport.render(report, Main.version()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote the report for " + who.id() + " (" + report.from() + " to " + report.to() + ": "
                    + report.sessions() + " sessions, " + report.findings().size() + " findings) to " + output);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
