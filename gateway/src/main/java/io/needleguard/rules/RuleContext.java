package io.needleguard.rules;

import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Device;
import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a rule may look at to judge one session. Rules only look backwards in time: a session's
 * findings depend on the session and on what came before it in the timeline, never on arrival
 * order, so a session synced late changes the findings of the sessions after it and nothing else.
 *
 * @param owner                the owner, in the zone the session was recorded in (see {@link Session#zone})
 * @param earlierOwnerSessions the owner's sessions before this one (timeline order, oldest first),
 *                             at least as far back as {@link RuleSettings#lookback()}
 * @param earlierCartridgeUses sessions of any owner, before this one, that used the same cartridge
 * @param conditions           the owner's conditions, past and present
 * @param nextSafeOnArea       when every rule together next allows a session on this session's area
 *                             right after it, as {@code status} would say; set by {@link SafetyCheck}
 *                             (empty when nothing restricts it, or when a rule runs on its own)
 * @param device               the configured device a session logged by hand names, when the household
 *                             knows it (a roller is its own needle set); empty for a pen's session
 * @param earlierDeviceUses    sessions of any owner, before this one, logged with the same device
 */
public record RuleContext(
        Session session,
        Owner owner,
        RuleSettings settings,
        List<Session> earlierOwnerSessions,
        List<Session> earlierCartridgeUses,
        List<ConditionPeriod> conditions,
        Optional<NextSafe> nextSafeOnArea,
        Optional<Device> device,
        List<Session> earlierDeviceUses) {

    public RuleContext(
            Session session,
            Owner owner,
            RuleSettings settings,
            List<Session> earlierOwnerSessions,
            List<Session> earlierCartridgeUses,
            List<ConditionPeriod> conditions) {
        this(session, owner, settings, earlierOwnerSessions, earlierCartridgeUses, conditions, Optional.empty());
    }

    public RuleContext(
            Session session,
            Owner owner,
            RuleSettings settings,
            List<Session> earlierOwnerSessions,
            List<Session> earlierCartridgeUses,
            List<ConditionPeriod> conditions,
            Optional<NextSafe> nextSafeOnArea) {
        this(
                session,
                owner,
                settings,
                earlierOwnerSessions,
                earlierCartridgeUses,
                conditions,
                nextSafeOnArea,
                Optional.empty(),
                List.of());
    }

    public RuleContext {
        Objects.requireNonNull(nextSafeOnArea, "nextSafeOnArea");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(device, "device");
        // A session is judged in the zone it was recorded in, for good: its "today", its day's totals and
        // the dates its findings name stay what they were when the owner's zone changes later.
        owner = new Owner(owner.id(), session.zoneOr(owner.zone()), owner.skinType());
        earlierOwnerSessions = List.copyOf(earlierOwnerSessions);
        earlierCartridgeUses = List.copyOf(earlierCartridgeUses);
        conditions = List.copyOf(conditions);
        earlierDeviceUses = List.copyOf(earlierDeviceUses);
    }

    /** The same context with the configured device of the session and that device's earlier sessions. */
    public RuleContext withDevice(Optional<Device> usedDevice, List<Session> earlierUses) {
        return new RuleContext(
                session,
                owner,
                settings,
                earlierOwnerSessions,
                earlierCartridgeUses,
                conditions,
                nextSafeOnArea,
                usedDevice,
                earlierUses);
    }

    /** Whether the session was logged with a configured roller: its needles are the roller's own. */
    boolean withRoller() {
        return device.filter(d -> d.kind() == Device.Kind.ROLLER).isPresent();
    }

    /**
     * "When may this owner next needle this session's area, at this depth?", asked right after the
     * session: the question {@code needleguard status} answers.
     */
    NextSafeQuery nextSafeQuery() {
        return new NextSafeQuery(
                owner, session.area(), session.depth(), timeline(), conditions, settings, session.endOrStart());
    }

    RuleContext withNextSafeOnArea(Optional<NextSafe> next) {
        return new RuleContext(
                session,
                owner,
                settings,
                earlierOwnerSessions,
                earlierCartridgeUses,
                conditions,
                next,
                device,
                earlierDeviceUses);
    }

    /**
     * The date a finding names: the latest of the rule's own date and what every rule allows on this
     * area; null when no date can be given (an open-ended condition, an area never needled at home).
     */
    Instant nextSafeAt(Instant own) {
        if (nextSafeOnArea.isEmpty()) {
            return own;
        }
        Optional<Instant> all = nextSafeOnArea.get().at();
        return all.map(at -> at.isAfter(own) ? at : own).orElse(null);
    }

    /**
     * The words for {@link #nextSafeAt}: {@code "next session on cheeks from Wed 4 Mar 2026"}, naming what
     * sets the date when it is later than the finding's own.
     */
    String nextSession(Instant own) {
        Instant at = nextSafeAt(own);
        String what = "next session on " + session.area();
        ZoneId zone = owner.zone();
        if (at == null) {
            NextSafe other = nextSafeOnArea.orElseThrow();
            return what + ": " + other.when(t -> "") + " (" + other.rule() + ": " + other.reason() + ")";
        }
        // A later date than the finding's own is set by something else (another rule, or another condition
        // of this one): name it.
        boolean another = nextSafeOnArea.isPresent() && at.isAfter(own);
        return what + " from " + CalendarDays.format(at, zone)
                + (another
                        ? " (" + nextSafeOnArea.get().rule() + ": "
                                + nextSafeOnArea.get().reason() + ")"
                        : "");
    }

    /** The owner's timeline up to and including this session. */
    public List<Session> timeline() {
        List<Session> all = new ArrayList<>(earlierOwnerSessions);
        all.add(session);
        return all;
    }

    /** The timeline as treatments; the last one that contains the session is {@link #treatment()}. */
    List<Treatment> treatments() {
        return Treatment.of(timeline(), settings.continuationGap().value());
    }

    Treatment treatment() {
        return treatments().stream()
                .filter(t -> t.contains(session))
                .findFirst()
                .orElseThrow();
    }

    /** Earlier treatments on an area that overlaps this session's (not the one this session continues). */
    List<Treatment> earlierOverlapping() {
        return treatments().stream()
                .filter(t -> !t.contains(session))
                .filter(t -> overlap(t.area(), session.area()))
                .toList();
    }

    /** Same area, or either side unspecified: an unspecified area could be any area. */
    static boolean overlap(Area a, Area b) {
        return a == b || a == Area.UNSPECIFIED || b == Area.UNSPECIFIED;
    }
}
