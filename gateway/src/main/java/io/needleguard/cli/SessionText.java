package io.needleguard.cli;

import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** How sessions and findings read on a terminal: the history table and the demo's live view. */
public final class SessionText {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    public static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH);

    private final Ansi ansi;
    /** Each severity's label, styled once: picocli parses the markup on every call. */
    private final Map<Severity, String> severities = new EnumMap<>(Severity.class);

    public SessionText(Ansi ansi) {
        this.ansi = ansi;
    }

    /**
     * {@code SIM-0001  alex   cheeks       0.50 mm  120 Hz  10m00s  C-0001}, fixed columns. A session
     * logged by hand has {@code (hand)} for its pen, {@code -} for what was not said (stroke rate,
     * duration), and says so after its cartridge.
     */
    public String columns(Session s) {
        StringBuilder line = new StringBuilder(96);
        padRight(line, s.pen().orElse("(hand)"), 9).append(' ');
        return appendAfterPen(line, s).toString();
    }

    /**
     * The columns after the pen's: owner, area, depth, stroke rate, duration, cartridge. Padded by hand
     * into the caller's buffer, not with String.format, which parses its pattern on every call: a long
     * history prints thousands.
     */
    private StringBuilder appendAfterPen(StringBuilder line, Session s) {
        padRight(line, s.owner(), 6).append(' ');
        padRight(line, s.area().toString(), 11).append(' ');
        padLeft(line, s.depth().toString(), 7).append(' ');
        padLeft(line, s.strokeHz().isPresent() ? s.strokeHz().getAsInt() + " Hz" : "-", 7)
                .append(' ');
        padLeft(line, s.duration().map(SessionText::duration).orElse("-"), 7).append("  ");
        line.append(s.cartridge().isEmpty() ? "(no cartridge id)" : s.cartridge());
        if (s.isHandEntry()) {
            line.append("  logged by hand");
            s.device().ifPresent(d -> line.append(" (").append(d).append(')'));
        }
        return line;
    }

    /** {@code text} padded with spaces on the right to {@code width}, as {@code %-Ns}. */
    private static StringBuilder padRight(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line;
    }

    /** {@code text} padded with spaces on the left to {@code width}, as {@code %Ns}. */
    private static StringBuilder padLeft(StringBuilder line, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line.append(text);
    }

    /**
     * What follows a session's id, padded, in the history table ({@code SIM-0001:12  alex   cheeks ...}):
     * a space, then the columns after the pen's.
     */
    public StringBuilder appendColumnsWithoutId(StringBuilder line, Session s) {
        return appendAfterPen(line.append(' '), s);
    }

    public static String when(Session s, ZoneId zone, DateTimeFormatter format) {
        return when(s.start(), zone, format);
    }

    /**
     * When a session started, where it happened: in the zone stored with it, followed by that zone's
     * offset when it is not {@code current} (the owner's zone now), {@code 2026-01-08 00:30+01:00} for a
     * session in Berlin of someone now in New York. Its calendar day is the one the rules counted.
     */
    public static String whereItHappened(Session s, ZoneId current, DateTimeFormatter format) {
        ZoneId own = s.zoneOr(current);
        String text = when(s.start(), own, format);
        boolean offsetShown = text.endsWith(s.start().atZone(own).getOffset().toString());
        return own.equals(current) || offsetShown
                ? text
                : text + s.start().atZone(own).getOffset();
    }

    /**
     * {@code time} in {@code zone} as {@code format} writes it. In the hour that happens twice when the
     * clocks go back, the offset follows ({@code 2026-10-25 02:30+02:00}, then {@code 02:30+01:00}): two
     * different moments never read the same.
     */
    public static String when(Instant time, ZoneId zone, DateTimeFormatter format) {
        ZonedDateTime at = time.atZone(zone);
        String text = format.format(at);
        ZoneOffsetTransition change = zone.getRules().getTransition(at.toLocalDateTime());
        return change != null && change.isOverlap() ? text + at.getOffset() : text;
    }

    /** {@code CRITICAL spacing.min-interval: message}, the severity coloured on a colour terminal. */
    public String finding(Finding f) {
        return appendFinding(new StringBuilder(64 + f.message().length()), f).toString();
    }

    /** {@link #finding}, appended to {@code line}. */
    public StringBuilder appendFinding(StringBuilder line, Finding f) {
        return line.append(severity(f.severity()))
                .append(' ')
                .append(f.rule())
                .append(": ")
                .append(f.message());
    }

    public String severity(Severity severity) {
        return severities.computeIfAbsent(severity, this::styled);
    }

    private String styled(Severity severity) {
        String label = severity.id().toUpperCase(Locale.ROOT);
        String style = switch (severity) {
            case CRITICAL -> "bold,red";
            case WARNING -> "yellow";
            case INFO -> "cyan";
        };
        return ansi.string("@|" + style + " " + label + "|@");
    }

    public String dim(String text) {
        return ansi.string("@|faint " + text + "|@");
    }

    public String bold(String text) {
        return ansi.string("@|bold " + text + "|@");
    }

    /**
     * {@code 10m00s}, {@code 1h05m}, {@code 45s}. Built by hand: String.format parses its pattern on every
     * call, and a long history prints one duration per session.
     */
    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds >= 3600) {
            return seconds / 3600 + "h" + twoDigits(seconds % 3600 / 60) + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        }
        return seconds + "s";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
