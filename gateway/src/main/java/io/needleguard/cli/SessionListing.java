package io.needleguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.needleguard.history.Reassignment;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints a list of recorded sessions: as a table for people, or as JSON, JSON Lines or CSV for
 * programs. {@code history} and {@code replay} share it, so their JSON is the same.
 */
public final class SessionListing {

    public enum Format {
        table,
        json,
        jsonl,
        csv
    }

    private final Function<String, ZoneId> zoneOfOwner;
    private final Map<SessionId, Reassignment> ownerChanges;

    /** @param zoneOfOwner the time zone to show each owner's times in */
    public SessionListing(Function<String, ZoneId> zoneOfOwner) {
        this(zoneOfOwner, Map.of());
    }

    /**
     * @param ownerChanges the latest change of owner of the sessions given to another person
     *                     ({@code history assign}): shown as "was ... until ..." (table) or
     *                     {@code previousOwner} and {@code ownerChangedAt} (json)
     */
    public SessionListing(Function<String, ZoneId> zoneOfOwner, Map<SessionId, Reassignment> ownerChanges) {
        this.zoneOfOwner = zoneOfOwner;
        this.ownerChanges = Map.copyOf(ownerChanges);
    }

    public void print(PrintWriter to, Iterable<RecordedSession> sessions, Format format) {
        // Buffered, and flushed once: the command line's writer flushes on every line, a system call per
        // line of a listing that may have tens of thousands.
        PrintWriter out = new PrintWriter(new BufferedWriter(to, 1 << 16), false);
        switch (format) {
            case json -> json(out, sessions);
            case jsonl -> sessions.forEach(r -> out.println(SessionJson.toJsonLine(r, zone(r.session()))));
            case csv -> csv(out, sessions);
            case table -> table(out, sessions);
        }
        out.flush();
        to.flush();
    }

    private ZoneId zone(Session s) {
        return zoneOfOwner.apply(s.owner());
    }

    /**
     * The table. Its id column is as wide as the longest id, known once every session has come: each
     * session's text is built as it comes (while the next are still being read, see {@link ReadAhead})
     * around a gap for its id, and the lines are written at the end.
     */
    private void table(PrintWriter out, Iterable<RecordedSession> sessions) {
        SessionText text = new SessionText(Ansi.AUTO);
        String newline = System.lineSeparator();
        StringBuilder body = new StringBuilder(1 << 16);
        List<String> ids = new ArrayList<>();
        // Per session: where its id goes in the body, and where its text ends.
        int[] gaps = new int[256];
        int[] ends = new int[256];
        int idWidth = "SESSION".length();
        long flagged = 0;
        long notesOnly = 0;
        for (RecordedSession r : sessions) {
            Session s = r.session();
            if (ids.size() == gaps.length) {
                gaps = Arrays.copyOf(gaps, gaps.length * 2);
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            String id = s.id().toString();
            idWidth = Math.max(idWidth, id.length());
            body.append(SessionText.whereItHappened(s, zone(s), SessionText.DATE_TIME))
                    .append("  ");
            gaps[ids.size()] = body.length();
            text.appendColumnsWithoutId(body, s).append(newline);
            Reassignment change = ownerChanges.get(s.id());
            if (change != null) {
                body.append("    ")
                        .append(text.dim("was " + change.previousOwner() + " until "
                                + SessionText.DATE_TIME.format(
                                        change.changedAt().atZone(zone(s)))))
                        .append(newline);
            }
            for (Finding f : r.findings()) {
                text.appendFinding(body.append("    "), f).append(newline);
            }
            ends[ids.size()] = body.length();
            ids.add(id);
            // A finding is a warning or worse; info is about the data (odd, or not checked), counted apart.
            if (r.findings().stream().anyMatch(f -> f.severity() != Severity.INFO)) {
                flagged++;
            } else if (!r.findings().isEmpty()) {
                notesOnly++;
            }
        }
        out.println(text.bold(String.format(
                "%-16s  %-" + idWidth + "s %-6s %-11s %7s %7s %7s  %s",
                "START",
                "SESSION",
                "OWNER",
                "AREA",
                "DEPTH",
                "STROKE",
                "TIME",
                "CARTRIDGE")));
        char[] chars = new char[4096];
        int from = 0;
        for (int i = 0; i < ids.size(); i++) {
            chars = write(out, body, from, gaps[i], chars);
            String id = ids.get(i);
            out.write(id);
            for (int pad = id.length(); pad < idWidth; pad++) {
                out.write(' ');
            }
            chars = write(out, body, gaps[i], ends[i], chars);
            from = ends[i];
        }
        int count = ids.size();
        out.println(text.dim(count + (count == 1 ? " session" : " sessions") + ", " + flagged + " with findings"
                + (notesOnly > 0 ? ", " + notesOnly + " more with information only (about the data)" : "")));
    }

    /** Writes {@code text[from, to)} through {@code chars}, grown if needed; returns the buffer to use next. */
    private static char[] write(PrintWriter out, StringBuilder text, int from, int to, char[] chars) {
        char[] buffer = chars.length < to - from ? new char[(to - from) * 2] : chars;
        text.getChars(from, to, buffer, 0);
        out.write(buffer, 0, to - from);
        return buffer;
    }

    private void json(PrintWriter out, Iterable<RecordedSession> sessions) {
        ArrayNode array = SessionJson.MAPPER.createArrayNode();
        sessions.forEach(r -> {
            ObjectNode json = SessionJson.toJson(r, zone(r.session()));
            Reassignment change = ownerChanges.get(r.session().id());
            if (change != null) {
                json.put("previousOwner", change.previousOwner());
                json.put("ownerChangedAt", SessionJson.time(change.changedAt(), zone(r.session())));
            }
            array.add(json);
        });
        try {
            out.println(SessionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private void csv(PrintWriter out, Iterable<RecordedSession> sessions) {
        // New columns go at the end, so that programs reading the older ones by position still can.
        out.println(
                "pen,sessionId,owner,start,end,area,depthMm,strokeHz,durationS,cartridge,findings,recordedBy,device");
        for (RecordedSession r : sessions) {
            Session s = r.session();
            ZoneId zone = zone(s);
            out.println(String.join(
                    ",",
                    csv(s.pen().orElse("")),
                    csv(s.id().toString()),
                    csv(s.owner()),
                    SessionJson.time(s.start(), zone),
                    s.end().map(end -> SessionJson.time(end, zone)).orElse(""),
                    s.area().id(),
                    s.depth().mm().toPlainString(),
                    s.strokeHz().isPresent() ? Integer.toString(s.strokeHz().getAsInt()) : "",
                    s.duration().map(d -> Long.toString(d.toSeconds())).orElse(""),
                    csv(s.cartridge()),
                    csv(r.findings().stream()
                            .map(f -> f.severity() + " " + f.rule())
                            .collect(Collectors.joining("; "))),
                    SessionJson.recordedBy(s),
                    csv(s.device().orElse(""))));
        }
    }

    /** RFC 4180: quote a field that holds a comma, a quote or a line break; double the quotes. */
    static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
