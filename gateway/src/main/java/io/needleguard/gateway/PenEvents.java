package io.needleguard.gateway;

import io.needleguard.history.SessionRecorder;
import io.needleguard.household.SessionOwners;
import io.needleguard.link.LinkState;
import io.needleguard.link.PenAllowlist;
import io.needleguard.link.PenIdentity;
import io.needleguard.link.PenListener;
import io.needleguard.profile.FrameException;
import io.needleguard.profile.SessionRecordFrame;
import io.needleguard.profile.StatusFrame;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what pens report into sessions for the recorder and news for the listeners. */
final class PenEvents implements PenListener {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final PenAllowlist allowlist;
    private final Listeners listeners;
    private final LiveCheck live;
    private final PenGenerations generations;
    private final SessionRecorder recorder;
    private final SessionOwners sessionOwners;

    PenEvents(
            PenAllowlist allowlist,
            Listeners listeners,
            LiveCheck live,
            PenGenerations generations,
            SessionRecorder recorder,
            SessionOwners sessionOwners) {
        this.allowlist = allowlist;
        this.listeners = listeners;
        this.live = live;
        this.generations = generations;
        this.recorder = recorder;
        this.sessionOwners = sessionOwners;
    }

    @Override
    public void identified(PenIdentity identity) {
        allowlist.confirmed(identity.serial(), identity.address());
        listeners.penIdentified(identity);
    }

    @Override
    public void refused(String serial, String address) {
        listeners.penRefused(serial, address);
    }

    @Override
    public void stateChanged(String serial, LinkState state) {
        listeners.penState(serial, state);
    }

    @Override
    public void battery(String serial, int percent) {
        listeners.penBattery(serial, percent);
    }

    @Override
    public void status(String serial, StatusFrame frame) {
        listeners.penStatus(serial, frame);
        if (listeners.none()) {
            return; // live findings are only for someone to hear
        }
        LiveCheck.LiveResult result = live.onStatus(serial, frame);
        if (!result.findings().isEmpty()) {
            listeners.liveFindings(result.running(), result.findings());
        }
    }

    @Override
    public void waiting(String serial, long sessions) {
        listeners.penWaiting(serial, sessions);
    }

    /** A pen forgotten a moment ago may still have records in flight: they are not recorded, and stay on the pen. */
    @Override
    public boolean sessionRecord(String serial, String address, SessionRecordFrame record) {
        if (allowlist.check(serial, address) != PenAllowlist.Verdict.ALLOWED) {
            log.info(
                    "pen {} is no longer paired; its session {} is not recorded and stays on the pen",
                    serial,
                    record.counter());
            return false;
        }
        PenGenerations.Identified identified = generations.identify(serial, record);
        SessionId id = identified.id();
        SessionRecorder.Outcome outcome = recorder.record(new Session(
                id,
                sessionOwners.ownerOfSession(serial, record.start()).id(),
                record.area(),
                record.depth(),
                record.strokeHz(),
                record.start(),
                record.end(),
                record.cartridge()));
        if (outcome == SessionRecorder.Outcome.RECORDED) {
            sessionOwners.recorded(serial, record.start());
        }
        if (identified.newGeneration() && outcome == SessionRecorder.Outcome.RECORDED) {
            // Once: every session of the pen after this one is in the new generation.
            log.warn(
                    "pen {} counts its sessions from the start again (firmware, a reset, or another pen with its"
                            + " serial): its session {} is not the {} in the history, so it is kept as {}, and its"
                            + " next sessions as {}:{}.N; the sessions of before keep their ids",
                    serial,
                    record.counter(),
                    new SessionId(serial, id.generation() - 1, record.counter()),
                    id,
                    serial,
                    id.generation());
        }
        return true;
    }

    @Override
    public void badFrame(String serial, FrameException problem) {
        listeners.badFrame(serial, problem.getMessage());
    }
}
