package io.needleguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.needleguard.history.RecordedSession;
import io.needleguard.json.SessionJson;
import io.needleguard.session.Session;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
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

    /** @param zoneOfOwner the time zone to show each owner's times in */
    public SessionListing(Function<String, ZoneId> zoneOfOwner) {
        this.zoneOfOwner = zoneOfOwner;
    }

    public void print(PrintWriter to, List<RecordedSession> sessions, Format format) {
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

    private void table(PrintWriter out, List<RecordedSession> sessions) {
        SessionText text = new SessionText(Ansi.AUTO);
        int idWidth = sessions.stream()
                .mapToInt(r -> r.session().id().toString().length())
                .max()
                .orElse(0);
        idWidth = Math.max(idWidth, "SESSION".length());
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
        for (RecordedSession r : sessions) {
            Session s = r.session();
            out.println(SessionText.when(s, zone(s), SessionText.DATE_TIME) + "  " + text.columnsWithId(s, idWidth));
            r.findings().forEach(f -> out.println("    " + text.finding(f)));
        }
        long flagged = sessions.stream().filter(r -> !r.findings().isEmpty()).count();
        out.println(text.dim(sessions.size() + (sessions.size() == 1 ? " session" : " sessions") + ", " + flagged
                + " with findings"));
    }

    private void json(PrintWriter out, List<RecordedSession> sessions) {
        ArrayNode array = SessionJson.MAPPER.createArrayNode();
        sessions.forEach(r -> array.add(SessionJson.toJson(r, zone(r.session()))));
        try {
            out.println(SessionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private void csv(PrintWriter out, List<RecordedSession> sessions) {
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
