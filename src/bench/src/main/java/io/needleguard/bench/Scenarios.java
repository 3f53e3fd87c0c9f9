package io.needleguard.bench;

import io.needleguard.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Scenario files (src/docs/scenarios.md) for the replay and the simulated pens of {@code run}. */
final class Scenarios {

    private static final DateTimeFormatter AT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Scenarios() {}

    /**
     * {@code n} sessions of the synthetic household, one every eight hours in turn on its three pens;
     * every 250th session of a pen is recorded out of range and synced when it is back.
     */
    static Path history(Path file, int n) throws IOException {
        StringBuilder json = new StringBuilder();
        json.append("{\"name\": \"")
                .append(n)
                .append(" sessions\", \"start\": \"")
                .append(at(SyntheticHistory.FIRST.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC)))
                .append("\",\n \"owners\": [{\"id\": \"alex\", \"zone\": \"Europe/Berlin\"},")
                .append(" {\"id\": \"sam\", \"zone\": \"Europe/Berlin\"}],\n")
                .append(
                        " \"pens\": [{\"serial\": \"P-A1\", \"owner\": \"alex\"}, {\"serial\": \"P-S1\", \"owner\": \"sam\"},")
                .append(" {\"serial\": \"P-A2\", \"owner\": \"alex\"}],\n \"sessions\": [\n");
        for (int i = 0; i < n; i++) {
            Session s = SyntheticHistory.session(i, Recording.INTERVAL);
            json.append(i == 0 ? "  " : ",\n  ")
                    .append("{\"pen\": \"")
                    .append(s.pen().orElseThrow())
                    .append("\", \"at\": \"")
                    .append(at(s.start().atOffset(ZoneOffset.UTC)))
                    .append("\", \"area\": \"")
                    .append(s.area().id())
                    .append("\", \"depthMm\": ")
                    .append(s.depth().mm().toPlainString())
                    .append(", \"strokeHz\": ")
                    .append(s.strokeHz().getAsInt())
                    .append(", \"duration\": \"")
                    .append(s.duration().orElseThrow())
                    .append("\", \"cartridge\": \"")
                    .append(s.cartridge())
                    .append('"')
                    .append(i % 750 == 749 ? ", \"offline\": true}" : "}");
        }
        json.append("\n]}\n");
        Files.writeString(file, json);
        return file;
    }

    /** Ten pens of one person, each with a few short sessions in the first two minutes of a live replay. */
    static Path tenPens(Path file) throws IOException {
        OffsetDateTime start = OffsetDateTime.parse("2026-01-05T19:00:00+01:00");
        StringBuilder json =
                new StringBuilder("{\"name\": \"ten pens\", \"start\": \"" + at(start) + "\",\n \"pens\": [");
        for (int p = 1; p <= 10; p++) {
            json.append(p == 1 ? "" : ", ")
                    .append("{\"serial\": \"SIM-")
                    .append(String.format("%04d", p))
                    .append("\"}");
        }
        json.append("],\n \"sessions\": [\n");
        String[] areas = {"cheeks", "forehead", "neck"};
        boolean first = true;
        for (int p = 1; p <= 10; p++) {
            for (int k = 0; k < 3; k++) {
                json.append(first ? "  " : ",\n  ");
                first = false;
                json.append("{\"pen\": \"SIM-")
                        .append(String.format("%04d", p))
                        .append("\", \"at\": \"PT")
                        .append(5 + p + 30 * k)
                        .append("S\", \"area\": \"")
                        .append(areas[k])
                        .append("\", \"depthMm\": 0.5, \"strokeHz\": 120, \"duration\": \"PT10S\", \"cartridge\": \"C-")
                        .append(p)
                        .append('-')
                        .append(k)
                        .append("\"}");
            }
        }
        json.append("\n]}\n");
        Files.writeString(file, json);
        return file;
    }

    private static String at(OffsetDateTime t) {
        return AT.format(t);
    }
}
