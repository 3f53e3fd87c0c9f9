package io.needleguard.dashboard;

import io.needleguard.gateway.GatewayListener;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenIdentity;
import io.needleguard.profile.StatusFrame;
import io.needleguard.rules.Finding;
import io.needleguard.session.Area;
import io.needleguard.session.SessionId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the dashboard knows of each pen beyond the history, heard from the gateway as it happens: the
 * link, battery, when the pen was last heard from, how many sessions it still holds, its identity.
 * Every change is also told to the open pages ({@link EventStream}), so they update without a reload.
 */
final class PenBoard implements GatewayListener {

    /** Kinds of change the open pages hear about: each names what to fetch again. */
    static final String PENS = "pens";

    static final String HISTORY = "history";
    static final String STATUS = "status";

    /**
     * One pen as last heard.
     *
     * @param lastSeen when the gateway last heard from the pen (its clock); empty before it has
     * @param waiting  sessions the connected pen still holds for the gateway; empty when not known
     */
    record Pen(
            String serial,
            LinkState link,
            Optional<Integer> battery,
            Optional<Instant> lastSeen,
            OptionalLong waiting,
            Optional<Area> area,
            Optional<String> model,
            Optional<String> firmware,
            boolean running,
            Optional<RecordedSession> lastSession) {

        static Pen unknown(String serial) {
            return new Pen(
                    serial,
                    LinkState.DISCONNECTED,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.empty());
        }

        boolean connected() {
            return link == LinkState.SUBSCRIBED || link == LinkState.SYNCING;
        }
    }

    private final Consumer<String> changed;
    private final Map<String, Pen> pens = new TreeMap<>();
    private volatile Clock clock;

    /** @param changed hears the kind of each change ({@link #PENS}, {@link #HISTORY}, {@link #STATUS}) */
    PenBoard(Consumer<String> changed) {
        this.changed = changed;
    }

    /** The gateway's clock, for "last seen"; until it is known, nothing is marked as seen. */
    void useClock(Clock gatewayClock) {
        this.clock = gatewayClock;
    }

    synchronized Optional<Pen> pen(String serial) {
        return Optional.ofNullable(pens.get(serial));
    }

    private void update(String serial, boolean heard, java.util.function.UnaryOperator<Pen> change) {
        synchronized (this) {
            Pen pen = change.apply(pens.getOrDefault(serial, Pen.unknown(serial)));
            Clock now = clock;
            if (heard && now != null) {
                pen = new Pen(
                        pen.serial,
                        pen.link,
                        pen.battery,
                        Optional.of(now.instant()),
                        pen.waiting,
                        pen.area,
                        pen.model,
                        pen.firmware,
                        pen.running,
                        pen.lastSession);
            }
            pens.put(serial, pen);
        }
        changed.accept(PENS);
    }

    @Override
    public void pensChanged(Set<String> serials) {
        synchronized (this) {
            pens.keySet().retainAll(serials);
            serials.forEach(s -> pens.putIfAbsent(s, Pen.unknown(s)));
        }
        changed.accept(PENS);
    }

    @Override
    public void penState(String serial, LinkState link) {
        boolean gone = link == LinkState.DISCONNECTED;
        update(
                serial,
                true,
                p -> new Pen(
                        p.serial,
                        link,
                        p.battery,
                        p.lastSeen,
                        gone ? OptionalLong.empty() : p.waiting,
                        p.area,
                        p.model,
                        p.firmware,
                        !gone && p.running,
                        p.lastSession));
    }

    @Override
    public void penIdentified(PenIdentity identity) {
        update(
                identity.serial(),
                true,
                p -> new Pen(
                        p.serial,
                        p.link,
                        p.battery,
                        p.lastSeen,
                        p.waiting,
                        p.area,
                        Optional.of(identity.model()),
                        Optional.of(identity.firmware()),
                        p.running,
                        p.lastSession));
    }

    @Override
    public void penBattery(String serial, int percent) {
        update(
                serial,
                true,
                p -> new Pen(
                        p.serial,
                        p.link,
                        Optional.of(percent),
                        p.lastSeen,
                        p.waiting,
                        p.area,
                        p.model,
                        p.firmware,
                        p.running,
                        p.lastSession));
    }

    @Override
    public void penStatus(String serial, StatusFrame status) {
        update(
                serial,
                true,
                p -> new Pen(
                        p.serial,
                        p.link,
                        p.battery,
                        p.lastSeen,
                        p.waiting,
                        p.area,
                        p.model,
                        p.firmware,
                        status.running(),
                        p.lastSession));
    }

    @Override
    public void penWaiting(String serial, long sessions) {
        update(
                serial,
                true,
                p -> new Pen(
                        p.serial,
                        p.link,
                        p.battery,
                        p.lastSeen,
                        OptionalLong.of(sessions),
                        p.area,
                        p.model,
                        p.firmware,
                        p.running,
                        p.lastSession));
    }

    @Override
    public void areaChosen(String serial, Area area) {
        update(serial, false, p -> withArea(p, area));
    }

    /** What the history holds of a pen when the gateway starts: its chosen area and last session. */
    @Override
    public void penKnown(String serial, Optional<Area> chosenArea, Optional<RecordedSession> lastSession) {
        update(serial, false, p -> {
            Pen withArea = chosenArea.map(a -> withArea(p, a)).orElse(p);
            return lastSession.map(r -> withSession(withArea, r)).orElse(withArea);
        });
    }

    private static Pen withArea(Pen p, Area area) {
        return new Pen(
                p.serial,
                p.link,
                p.battery,
                p.lastSeen,
                p.waiting,
                Optional.of(area),
                p.model,
                p.firmware,
                p.running,
                p.lastSession);
    }

    /** A session logged by hand is no pen's: only the history changed. */
    @Override
    public void recorded(RecordedSession session) {
        session.session().pen().ifPresent(serial -> update(serial, true, p -> withSession(p, session)));
        changed.accept(HISTORY);
    }

    @Override
    public void duplicate(SessionId id) {
        id.pen().ifPresent(serial -> update(serial, true, p -> p));
    }

    @Override
    public void edited(RecordedSession now, RecordedSession before) {
        changed.accept(HISTORY);
    }

    @Override
    public void deleted(RecordedSession was) {
        changed.accept(HISTORY);
    }

    @Override
    public void findingsChanged(RecordedSession session, List<Finding> previous) {
        changed.accept(HISTORY);
    }

    @Override
    public void ownerStatus(SafetyStatus.OwnerStatus status) {
        changed.accept(STATUS);
    }

    @Override
    public void historyChanged() {
        changed.accept(HISTORY);
    }

    /** The pen's latest session: a session fetched late may be older than the one it has. */
    private static Pen withSession(Pen p, RecordedSession session) {
        if (p.lastSession.isPresent()
                && p.lastSession
                        .get()
                        .session()
                        .start()
                        .isAfter(session.session().start())) {
            return p;
        }
        return new Pen(
                p.serial,
                p.link,
                p.battery,
                p.lastSeen,
                p.waiting,
                p.area,
                p.model,
                p.firmware,
                p.running,
                Optional.of(session));
    }
}
