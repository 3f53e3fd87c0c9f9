package io.needleguard.sim.cli;

import io.needleguard.cli.ExitCodes;
import io.needleguard.cli.SessionListing;
import io.needleguard.history.HistoryQuery;
import io.needleguard.household.Household;
import io.needleguard.sim.scenario.Scenario;
import io.needleguard.sim.scenario.ScenarioReader;
import io.needleguard.sim.world.Simulation;
import io.needleguard.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code needleguard replay}: a scenario through the real gateway, deterministically, as data. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a scenario file and prints the sessions with their findings.",
            "",
            "The scenario runs through the gateway on a virtual clock, with a temporary history and no broker; every recorded session is printed with its findings, in session time order. The same file always gives the same output. Exit 2 if the scenario is invalid."
        })
final class ReplayCommand implements Callable<Integer> {

    enum Output {
        jsonl,
        json,
        table
    }

    @Parameters(paramLabel = "SCENARIO", description = "The scenario file (format: src/docs/scenarios.md).")
    Path scenarioFile;

    @Option(
            names = "--output",
            paramLabel = "FORMAT",
            defaultValue = "jsonl",
            description = "jsonl (default: one JSON object per session), json (one array) or table.")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = new ScenarioReader().read(scenarioFile);
        Household household = Simulation.household(scenario);
        Path temporary = Files.createTempDirectory(
                "needleguard-replay-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (SqliteStore store = SqliteStore.openThrowaway(temporary)) {
            try (Simulation simulation = new Simulation(scenario, store.history(), List.of())) {
                simulation.run();
            }
            new SessionListing(household::zoneOf)
                    .print(
                            spec.commandLine().getOut(),
                            store.sessions().list(HistoryQuery.all()),
                            SessionListing.Format.valueOf(output.name()));
        } finally {
            delete(temporary);
        }
        return ExitCodes.OK;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
