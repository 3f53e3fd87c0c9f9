package io.needleguard.config;

import static io.needleguard.config.FieldChecks.valid;
import static io.needleguard.json.JsonFields.Presence.OPTIONAL;

import io.needleguard.backup.BackupPlan;
import io.needleguard.backup.Frequency;
import io.needleguard.json.JsonFields;
import io.needleguard.text.Spelling;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the {@code backup:} section: how often, how many to keep, and where. */
final class BackupReader {

    private BackupReader() {}

    static GatewayConfig.Backup read(JsonFields f) {
        f.allowOnly(List.of("schedule", "keep", "directory"));
        Frequency schedule = f.text("schedule", OPTIONAL, "how often: " + Frequency.allIds())
                .flatMap(v -> {
                    Optional<Frequency> known = Frequency.fromId(v);
                    if (known.isEmpty()) {
                        f.reject(
                                "schedule",
                                JsonFields.quoted(v) + " is not a schedule"
                                        + Spelling.suggestion(
                                                v, List.of(Frequency.allIds().split(", ")))
                                        + "; use one of: " + Frequency.allIds());
                    }
                    return known;
                })
                .orElse(Frequency.OFF);
        int keep = f.integer("keep", OPTIONAL, "how many backups to keep, from 1 to 1000, e.g. 14")
                .filter(k -> valid(f, "keep", String.valueOf(k), k >= 1 && k <= 1000, "1 to 1000 backups, e.g. 14"))
                .map(Long::intValue)
                .orElse(BackupPlan.DEFAULT_KEEP);
        Optional<Path> directory = f.text(
                        "directory", OPTIONAL, "an absolute directory path, e.g. /media/usb/needleguard-backups")
                .flatMap(d -> {
                    Path path = Path.of(d.startsWith("~/") ? System.getProperty("user.home") + d.substring(1) : d);
                    return valid(
                                    f,
                                    "directory",
                                    d,
                                    path.isAbsolute(),
                                    "an absolute path such as /media/usb/needleguard-backups")
                            ? Optional.of(path)
                            : Optional.empty();
                });
        return new GatewayConfig.Backup(schedule, keep, directory);
    }
}
