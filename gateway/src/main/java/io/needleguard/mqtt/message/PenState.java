package io.needleguard.mqtt.message;

import io.needleguard.history.RecordedSession;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code <root>/<pen>/state} says about one pen, as a value: each change makes a new one.
 *
 * @param battery      percent, empty until the pen has said
 * @param running      whether the pen is running now; {@code depth}, {@code strokeHz} and
 *                     {@code cartridge} are its live settings, from its last status
 * @param area         the area chosen for the pen's next sessions (the stored choice)
 * @param lastSession  the pen's latest recorded session
 * @param openFindings its owner's open findings (warnings and critical findings of the last days)
 */
public record PenState(
        String pen,
        String owner,
        boolean connected,
        Optional<Integer> battery,
        boolean running,
        Optional<Depth> depth,
        Optional<Integer> strokeHz,
        Optional<String> cartridge,
        Optional<Area> area,
        Optional<String> model,
        Optional<String> firmware,
        Optional<RecordedSession> lastSession,
        int openFindings) {

    public PenState {
        Objects.requireNonNull(pen, "pen");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(strokeHz, "strokeHz");
        Objects.requireNonNull(cartridge, "cartridge");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(lastSession, "lastSession");
    }

    /** A pen nothing is known of yet but whose it is. */
    public static PenState unknown(String pen, String owner) {
        return new PenState(
                pen,
                owner,
                false,
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0);
    }

    public PenState withConnected(boolean now) {
        return new PenState(
                pen,
                owner,
                now,
                battery,
                running,
                depth,
                strokeHz,
                cartridge,
                area,
                model,
                firmware,
                lastSession,
                openFindings);
    }

    public PenState withBattery(int percent) {
        return new PenState(
                pen,
                owner,
                connected,
                Optional.of(percent),
                running,
                depth,
                strokeHz,
                cartridge,
                area,
                model,
                firmware,
                lastSession,
                openFindings);
    }

    /** The pen's live settings from its status: running or not, depth, stroke rate, cartridge ({@code ""}: none read). */
    public PenState withLive(boolean isRunning, Depth liveDepth, int liveStrokeHz, String liveCartridge) {
        return new PenState(
                pen,
                owner,
                connected,
                battery,
                isRunning,
                Optional.of(liveDepth),
                Optional.of(liveStrokeHz),
                liveCartridge.isEmpty() ? Optional.empty() : Optional.of(liveCartridge),
                area,
                model,
                firmware,
                lastSession,
                openFindings);
    }

    public PenState withArea(Area chosen) {
        return new PenState(
                pen,
                owner,
                connected,
                battery,
                running,
                depth,
                strokeHz,
                cartridge,
                Optional.of(chosen),
                model,
                firmware,
                lastSession,
                openFindings);
    }

    public PenState withIdentity(String penModel, String penFirmware) {
        return new PenState(
                pen,
                owner,
                connected,
                battery,
                running,
                depth,
                strokeHz,
                cartridge,
                area,
                Optional.of(penModel),
                Optional.of(penFirmware),
                lastSession,
                openFindings);
    }

    /** The session, if it is the pen's latest (a session synced late may be older than the one shown). */
    public PenState withSession(RecordedSession session) {
        if (lastSession.isPresent()
                && !lastSession
                        .get()
                        .session()
                        .start()
                        .isBefore(session.session().start())
                && !lastSession.get().session().id().equals(session.session().id())) {
            return this;
        }
        return new PenState(
                pen,
                owner,
                connected,
                battery,
                running,
                depth,
                strokeHz,
                cartridge,
                area,
                model,
                firmware,
                Optional.of(session),
                openFindings);
    }

    public PenState withOpenFindings(int open) {
        return new PenState(
                pen,
                owner,
                connected,
                battery,
                running,
                depth,
                strokeHz,
                cartridge,
                area,
                model,
                firmware,
                lastSession,
                open);
    }
}
