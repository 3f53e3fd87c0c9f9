package io.needleguard.sim.scenario;

import io.needleguard.household.Device;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A scenario to replay on a virtual clock: who owns which pens and devices, their conditions, the
 * sessions the pens will record, and the sessions people log by hand. Values are resolved (instants,
 * zones, defaults), so a replay depends on nothing but this record. See src/docs/scenarios.md for the
 * file format.
 *
 * <p>The constructor checks that ids are unique and references resolve, so the queries below
 * cannot miss; {@link ScenarioReader} reports those problems, and all others, with their JSON path.
 *
 * @param sessions in file order ({@link ScenarioSession#index()}); see {@link #sessionsInTimeOrder()}
 * @param devices  devices without Bluetooth, whose sessions are logged by hand
 * @param handLog  sessions logged by hand, in file order ({@link ScenarioHandEntry#index()})
 */
public record Scenario(
        String name,
        OffsetDateTime start,
        List<ScenarioOwner> owners,
        List<ScenarioPen> pens,
        List<ScenarioCondition> conditions,
        List<ScenarioSession> sessions,
        List<Device> devices,
        List<ScenarioHandEntry> handLog) {

    /** Replay order: by start; sessions of two pens starting in the same second by serial, then file order. */
    public static final Comparator<ScenarioSession> TIME_ORDER = Comparator.comparing(ScenarioSession::start)
            .thenComparing(ScenarioSession::pen)
            .thenComparingInt(ScenarioSession::index);

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        owners = List.copyOf(owners);
        pens = List.copyOf(pens);
        conditions = List.copyOf(conditions);
        sessions = List.copyOf(sessions);
        devices = List.copyOf(devices);
        handLog = List.copyOf(handLog);
        requireUnique(owners.stream().map(ScenarioOwner::id).toList(), "owner id");
        requireUnique(pens.stream().map(ScenarioPen::serial).toList(), "pen serial");
        requireUnique(devices.stream().map(Device::id).toList(), "device id");
        Set<String> ownerIds =
                new HashSet<>(owners.stream().map(ScenarioOwner::id).toList());
        Set<String> serials =
                new HashSet<>(pens.stream().map(ScenarioPen::serial).toList());
        pens.forEach(p -> requireKnown(ownerIds, p.owner(), "owner of pen " + p.serial()));
        conditions.forEach(c -> requireKnown(ownerIds, c.owner(), "owner of condition " + c.condition()));
        sessions.forEach(s -> requireKnown(serials, s.pen(), "pen of session " + s.index()));
        Set<String> deviceIds = new HashSet<>(devices.stream().map(Device::id).toList());
        devices.forEach(d -> requireKnown(ownerIds, d.owner(), "owner of device " + d.id()));
        handLog.forEach(h -> requireKnown(ownerIds, h.owner(), "owner of hand entry " + h.index()));
        handLog.forEach(h ->
                h.device().ifPresent(d -> requireKnown(deviceIds, d, "device of hand entry " + h.index())));
        for (int i = 0; i < handLog.size(); i++) {
            if (handLog.get(i).index() != i) {
                throw new IllegalArgumentException("hand entry at position " + i + " has index "
                        + handLog.get(i).index());
            }
        }
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).index() != i) {
                throw new IllegalArgumentException("session at position " + i + " has index "
                        + sessions.get(i).index());
            }
        }
    }

    /** A scenario without devices or sessions logged by hand: pens only. */
    public Scenario(
            String name,
            OffsetDateTime start,
            List<ScenarioOwner> owners,
            List<ScenarioPen> pens,
            List<ScenarioCondition> conditions,
            List<ScenarioSession> sessions) {
        this(name, start, owners, pens, conditions, sessions, List.of(), List.of());
    }

    /** The hand entries in the order people log them: by the time they are logged, then file order. */
    public List<ScenarioHandEntry> handLogInLoggingOrder() {
        return handLog.stream()
                .sorted(Comparator.comparing(ScenarioHandEntry::loggedAt).thenComparingInt(ScenarioHandEntry::index))
                .toList();
    }

    public Optional<ScenarioOwner> owner(String id) {
        return owners.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<ScenarioPen> pen(String serial) {
        return pens.stream().filter(p -> p.serial().equals(serial)).findFirst();
    }

    /** Whose skin a session is on: the owner of its pen. */
    public ScenarioOwner ownerOf(ScenarioSession session) {
        return pen(session.pen()).flatMap(p -> owner(p.owner())).orElseThrow();
    }

    public List<ScenarioSession> sessionsInTimeOrder() {
        return sessions.stream().sorted(TIME_ORDER).toList();
    }

    /** When the scenario is over: the end of its last session, or its start when it has none. */
    public Instant end() {
        return sessions.stream()
                .map(ScenarioSession::end)
                .max(Comparator.naturalOrder())
                .orElse(start.toInstant());
    }

    /**
     * When the gateway can first learn of a session. A pen in range reports a session when it ends.
     * An offline session waits until the pen is back in range, which is by the start of the pen's
     * next session that is not offline, or at the end of the scenario.
     */
    public Instant gatewayLearnsAt(ScenarioSession session) {
        if (!session.offline()) {
            return session.end();
        }
        return sessions.stream()
                .filter(s -> s.pen().equals(session.pen()) && !s.offline() && TIME_ORDER.compare(s, session) > 0)
                .min(TIME_ORDER)
                .map(ScenarioSession::start)
                .orElse(end());
    }

    /**
     * The same scenario moved in time so that it starts at {@code newStart}, keeping the offset of its
     * original start: for replaying it live, from now on.
     */
    public Scenario startingAt(Instant newStart) {
        Duration offset = Duration.between(start.toInstant(), newStart);
        return new Scenario(
                name,
                start.plus(offset),
                owners,
                pens,
                conditions.stream().map(c -> c.shiftedBy(offset)).toList(),
                sessions.stream().map(s -> s.shiftedBy(offset)).toList(),
                devices,
                handLog.stream().map(h -> h.shiftedBy(offset)).toList());
    }

    private static void requireUnique(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("duplicate " + what + ": " + id);
            }
        }
    }

    private static void requireKnown(Set<String> known, String id, String what) {
        if (!known.contains(id)) {
            throw new IllegalArgumentException(what + " is unknown: " + id);
        }
    }
}
