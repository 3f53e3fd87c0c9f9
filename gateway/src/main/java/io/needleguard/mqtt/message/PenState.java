package io.needleguard.mqtt.message;

import io.needleguard.history.RecordedSession;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
        return copy(c -> c.connected = now);
    }

    public PenState withBattery(int percent) {
        return copy(c -> c.battery = Optional.of(percent));
    }

    /** The pen's live settings from its status: running or not, depth, stroke rate, cartridge ({@code ""}: none read). */
    public PenState withLive(boolean isRunning, Depth liveDepth, int liveStrokeHz, String liveCartridge) {
        return copy(c -> {
            c.running = isRunning;
            c.depth = Optional.of(liveDepth);
            c.strokeHz = Optional.of(liveStrokeHz);
            c.cartridge = liveCartridge.isEmpty() ? Optional.empty() : Optional.of(liveCartridge);
        });
    }

    public PenState withArea(Area chosen) {
        return copy(c -> c.area = Optional.of(chosen));
    }

    public PenState withIdentity(String penModel, String penFirmware) {
        return copy(c -> {
            c.model = Optional.of(penModel);
            c.firmware = Optional.of(penFirmware);
        });
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
        return copy(c -> c.lastSession = Optional.of(session));
    }

    /** The pen given to someone else while the gateway runs: its state names its new owner. */
    public PenState withOwner(String newOwner) {
        return copy(c -> c.owner = Objects.requireNonNull(newOwner, "owner"));
    }

    public PenState withOpenFindings(int open) {
        return copy(c -> c.openFindings = open);
    }

    /** This state with what {@code change} sets. */
    private PenState copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /**
     * A state's fields while a wither changes some, checked again by the record's constructor: the one
     * place besides the record's components that lists them, so a new field is added here and no wither
     * changes.
     */
    private static final class Copy {
        final String pen;
        String owner;
        boolean connected;
        Optional<Integer> battery;
        boolean running;
        Optional<Depth> depth;
        Optional<Integer> strokeHz;
        Optional<String> cartridge;
        Optional<Area> area;
        Optional<String> model;
        Optional<String> firmware;
        Optional<RecordedSession> lastSession;
        int openFindings;

        Copy(PenState s) {
            pen = s.pen;
            owner = s.owner;
            connected = s.connected;
            battery = s.battery;
            running = s.running;
            depth = s.depth;
            strokeHz = s.strokeHz;
            cartridge = s.cartridge;
            area = s.area;
            model = s.model;
            firmware = s.firmware;
            lastSession = s.lastSession;
            openFindings = s.openFindings;
        }

        PenState build() {
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
                    openFindings);
        }
    }
}
