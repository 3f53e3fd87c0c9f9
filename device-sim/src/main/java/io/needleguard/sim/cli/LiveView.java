package io.needleguard.sim.cli;

import io.needleguard.cli.SessionText;
import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.household.Household;
import io.needleguard.rules.Finding;
import io.needleguard.rules.Severity;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.sim.world.WorldEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's console: each session as the gateway records it, each finding with its reason, pens
 * leaving and coming back into range, and late sessions that change earlier verdicts. Keeps the
 * tallies for the summary.
 */
final class LiveView implements GatewayListener {

    /** A session stored this long after it ended came from the pen's memory, not live. */
    private static final Duration LIVE = Duration.ofMinutes(1);

    private static final String INDENT = " ".repeat(18);

    private final PrintWriter out;
    private final SessionText text;
    private final Household household;

    int recorded;
    /** Of {@link #recorded}, the pens' sessions (the rest were logged by hand). */
    int recordedFromPens;

    int duplicates;
    int synced;
    int reevaluated;
    /** Findings (warning or critical) by rule; information about the data is counted apart. */
    final Map<String, Integer> findingsByRule = new TreeMap<>();

    final Map<Severity, Integer> findingsBySeverity = new TreeMap<>();
    /** Info findings by rule: what was odd in the data or could not be checked, not a safety finding. */
    final Map<String, Integer> notesByRule = new TreeMap<>();

    LiveView(PrintWriter out, SessionText text, Household household) {
        this.out = out;
        this.text = text;
        this.household = household;
    }

    private ZoneId zone(Session s) {
        return household.zoneOf(s.owner());
    }

    @Override
    public synchronized void recorded(RecordedSession r) {
        Session s = r.session();
        recorded++;
        if (!s.isHandEntry()) {
            recordedFromPens++;
        }
        boolean late = !s.isHandEntry() && r.recordedAt().isAfter(s.endOrStart().plus(LIVE));
        if (late) {
            synced++;
        }
        out.println(SessionText.when(s, zone(s), SessionText.DAY_TIME) + "  " + text.columns(s)
                + (late ? text.dim("  (from the pen's memory)") : ""));
        for (Finding f : r.findings()) {
            out.println(INDENT + text.finding(f));
            count(f, 1);
        }
        out.flush();
    }

    @Override
    public synchronized void duplicate(SessionId id) {
        duplicates++;
        out.println(INDENT + text.dim(id + " is already in the history; it is stored once"));
        out.flush();
    }

    @Override
    public synchronized void findingsChanged(RecordedSession r, List<Finding> previous) {
        Session s = r.session();
        reevaluated++;
        out.println(INDENT
                + text.bold("re-evaluated " + s.id() + " (" + SessionText.when(s, zone(s), SessionText.DAY_TIME) + ", "
                        + s.area() + ") now that an earlier session arrived:"));
        if (r.findings().isEmpty()) {
            out.println(INDENT + "  no findings any more");
        }
        for (Finding f : r.findings()) {
            out.println(INDENT + "  " + text.finding(f));
            if (!previous.contains(f)) {
                count(f, 1);
            }
        }
        for (Finding f : previous) {
            if (!r.findings().contains(f)) {
                count(f, -1);
            }
        }
        out.flush();
    }

    private void count(Finding f, int delta) {
        findingsBySeverity.merge(f.severity(), delta, Integer::sum);
        (f.severity() == Severity.INFO ? notesByRule : findingsByRule).merge(f.rule(), delta, Integer::sum);
    }

    @Override
    public synchronized void badFrame(String serial, String problem) {
        out.println(INDENT + text.dim(serial + ": dropped a malformed frame (" + problem + ")"));
        out.flush();
    }

    @Override
    public synchronized void penRefused(String serial, String address) {
        out.println(INDENT + text.severity(io.needleguard.rules.Severity.WARNING) + " a device at " + address
                + " claims to be pen " + serial + ", which is paired at another address; refused");
        out.flush();
    }

    /** What happens in the simulated world, before the gateway sees it. */
    synchronized void world(WorldEvent event, ZoneId zone) {
        String when = SessionText.DAY_TIME.format(event.at().atZone(zone));
        if (event instanceof WorldEvent.OutOfRange gone) {
            out.println(
                    text.dim(when + "  " + gone.pen() + " is out of range; it keeps its sessions until it is back"));
        } else if (event instanceof WorldEvent.BackInRange back) {
            out.println(text.dim(when + "  " + back.pen() + " is back in range; the gateway fetches what it kept"));
        } else if (event instanceof WorldEvent.HandLogged logged) {
            out.println(text.dim(when + "  " + logged.entry().owner() + " logs a session by hand"));
        }
        out.flush();
    }
}
