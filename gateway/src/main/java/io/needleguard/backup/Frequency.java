package io.needleguard.backup;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How often the running gateway backs the history up ({@code backup.schedule}). */
public enum Frequency {
    OFF(Duration.ZERO),
    HOURLY(Duration.ofHours(1)),
    DAILY(Duration.ofDays(1)),
    WEEKLY(Duration.ofDays(7));

    private final Duration interval;
    private final String id = name().toLowerCase(Locale.ROOT);

    Frequency(Duration interval) {
        this.interval = interval;
    }

    /** The time from one backup to the next; zero when off. */
    public Duration interval() {
        return interval;
    }

    public String id() {
        return id;
    }

    public static Optional<Frequency> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(Frequency::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
