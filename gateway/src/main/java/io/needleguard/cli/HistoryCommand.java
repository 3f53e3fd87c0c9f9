package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.config.InvalidInputException;
import io.needleguard.history.HistoryQuery;
import io.needleguard.store.SqliteHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code needleguard history}: the recorded sessions with their findings. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Lists recorded sessions with their safety findings, oldest first.",
                "",
                "Times are shown in each owner's time zone."})
final class HistoryCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Read data-dir from this configuration file.")
    Path config;

    @Option(names = "--pen", paramLabel = "SERIAL", description = "Only this pen's sessions.")
    String pen;

    @Option(names = "--owner", paramLabel = "ID", description = "Only this owner's sessions.")
    String owner;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only sessions from this date (2026-01-05, in this machine's time zone) or date-time with offset.")
    String since;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json (an array of the objects 'replay' prints) or csv.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = dataDir.resolve(config == null ? java.util.Optional.empty() : ConfigLoader.forThisMachine().load(config).dataDir());
        if (!Files.exists(dir.resolve(SqliteHistory.FILE_NAME))) {
            throw new InvalidInputException("no history in " + dir + " yet; run 'needleguard demo' or 'needleguard run',"
                    + " or point --data-dir at the directory that holds " + SqliteHistory.FILE_NAME);
        }
        HistoryQuery query = HistoryQuery.all();
        if (pen != null) {
            query = query.withPen(pen);
        }
        if (owner != null) {
            query = query.withOwner(owner);
        }
        if (since != null) {
            query = query.withSince(parseSince(since, ZoneId.systemDefault()));
        }
        try (SqliteHistory history = SqliteHistory.open(dir)) {
            Map<String, ZoneId> zones = history.ownerZones();
            new SessionListing(id -> zones.getOrDefault(id, ZoneId.systemDefault()))
                    .print(spec.commandLine().getOut(), history.list(query), SessionListing.Format.valueOf(format.name()));
        }
        return ExitCodes.OK;
    }

    static Instant parseSince(String text, ZoneId zone) {
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--since: '" + text + "' is not a date; use 2026-01-05 or 2026-01-05T19:00:00+01:00");
            }
        }
    }
}
