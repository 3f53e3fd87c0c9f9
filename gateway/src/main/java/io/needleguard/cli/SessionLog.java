package io.needleguard.cli;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.link.LinkState;
import io.needleguard.rules.Finding;
import io.needleguard.session.SessionId;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Help.Ansi;

/**
 * What a running gateway writes to its log. Health data stays out of INFO lines (logs end up in the
 * system journal): session ids and rule ids, not depths, areas or messages; those are at DEBUG.
 */
final class SessionLog implements GatewayListener {

    private static final Logger log = LoggerFactory.getLogger("needleguard");

    /**
     * While the history cannot be written the pens are connected now and then to see whether it can be
     * again; those connections are not news (the trouble was logged once, and its end will be).
     */
    private volatile boolean historyWritable = true;

    @Override
    public void recorded(RecordedSession r) {
        log.info(
                "recorded session {}{}{}",
                r.session().id(),
                r.session().isHandEntry() ? " (logged by hand)" : "",
                rules(r.findings()));
        log.debug(
                "session {}: {}; findings {}",
                r.session().id(),
                new SessionText(Ansi.OFF).columns(r.session()),
                r.findings());
    }

    @Override
    public void edited(RecordedSession now, RecordedSession before) {
        log.info("session {} corrected by hand{}", now.session().id(), rules(now.findings()));
    }

    @Override
    public void deleted(RecordedSession was) {
        log.info("session {} deleted by hand", was.session().id());
    }

    @Override
    public void duplicate(SessionId id) {
        log.debug("session {} was already recorded", id);
    }

    @Override
    public void findingsChanged(RecordedSession r, List<Finding> previous) {
        log.info("session {} re-evaluated after a late session{}", r.session().id(), rules(r.findings()));
    }

    @Override
    public void penState(String serial, LinkState state) {
        // Every connection passes through SYNCING exactly once, right after subscribing.
        if (state == LinkState.SYNCING) {
            atInfoUnlessRetrying("pen {} connected; fetching the sessions it kept", serial);
        } else if (state == LinkState.DISCONNECTED) {
            atInfoUnlessRetrying("pen {} disconnected", serial);
        }
    }

    @Override
    public void historyWritable(boolean writable) {
        historyWritable = writable;
    }

    private void atInfoUnlessRetrying(String format, String serial) {
        if (historyWritable) {
            log.info(format, serial);
        } else {
            log.debug(format + " (the history cannot be written: the pen keeps its sessions)", serial);
        }
    }

    @Override
    public void badFrame(String serial, String problem) {
        log.warn("pen {}: dropped a malformed frame: {}", serial, problem);
    }

    private static String rules(List<Finding> findings) {
        return findings.isEmpty()
                ? ""
                : ": "
                        + findings.stream()
                                .map(f -> f.severity() + " " + f.rule())
                                .collect(Collectors.joining(", "));
    }
}
