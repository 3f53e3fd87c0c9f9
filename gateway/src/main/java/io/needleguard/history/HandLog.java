package io.needleguard.history;

import io.needleguard.household.Device;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.rules.NextSafe;
import io.needleguard.session.Area;
import io.needleguard.session.Depth;
import io.needleguard.session.Session;
import io.needleguard.session.SessionId;
import io.needleguard.text.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sessions logged by hand, for the pens without Bluetooth and the derma rollers most people use: they
 * get the same rules, next safe times, history and MQTT as a pen's sessions. This is the one way to
 * log, correct and delete them; the command line ({@code needleguard log}), the MQTT log command and
 * the dashboard call it, and so check and refuse alike.
 *
 * <p>What cannot be a session is refused ({@link RefusedEntry}, naming what to give instead): an
 * unknown person or device, a depth no device goes to, a session that has not happened yet. What breaks
 * a rule (the eyelids, too deep, too soon) is not refused: it happened, so it is recorded, and its
 * findings say what was wrong. A session logged late takes its place in the timeline and the sessions
 * after it are judged again, as for a pen's offline sessions; so are those after a corrected or
 * deleted one.
 */
public final class HandLog {

    /** How far ahead of this clock a session may end: the clocks of phones and gateways differ a little. */
    public static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
    /** The longest session that is not a slip of the finger (scenario files allow the same). */
    public static final Duration LONGEST = Duration.ofHours(4);
    /** The deepest a device goes: the longest home rollers are 3 mm, and pens stop earlier. */
    public static final Depth DEEPEST = Depth.ofMm("3.00");
    /** A cartridge id as long as a pen can report one. */
    public static final int CARTRIDGE_LENGTH = 16;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private final SessionRecorder recorder;
    private final SessionHistory history;
    private final Supplier<Household> household;
    private final SafetyStatus status;
    private final Clock clock;

    HandLog(
            SessionRecorder recorder,
            SessionHistory history,
            Supplier<Household> household,
            SafetyStatus status,
            Clock clock) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.history = Objects.requireNonNull(history, "history");
        this.household = Objects.requireNonNull(household, "household");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A session logged or corrected: as stored, with its findings; the sessions after it whose findings
     * changed; and when its owner may next needle its area, from now (empty: safe now).
     */
    public record Logged(
            RecordedSession session, List<RecordedSession> rejudged, Owner owner, Optional<NextSafe> next) {
        public Logged {
            rejudged = List.copyOf(rejudged);
        }
    }

    /** A session deleted, as it was, and the sessions after it whose findings changed. */
    public record Deleted(RecordedSession was, List<RecordedSession> rejudged, Owner owner) {
        public Deleted {
            rejudged = List.copyOf(rejudged);
        }
    }

    /**
     * Records a session logged by hand and judges it at once.
     *
     * @throws RefusedEntry when it cannot be a session; nothing is stored
     */
    public Logged log(HandEntry entry) {
        Optional<Device> device = entry.device().filter(id -> !id.isEmpty()).map(this::device);
        Owner owner = entry.owner()
                .map(this::owner)
                .or(() -> device.map(d -> owner(d.owner())))
                .orElseGet(this::onlyOwner);
        Area area = entry.area()
                .orElseThrow(() -> new RefusedEntry(
                        "the area is missing: say where the skin was needled, one of: " + Area.allIds()));
        Depth depth = depth(entry.depth(), device);
        Optional<Duration> duration = entry.duration().map(HandLog::checked);
        Instant now = now();
        // Logged without a time, a session is taken to have ended now: people log right after.
        Instant start = entry.at()
                .map(at -> at.in(owner.zone()).truncatedTo(ChronoUnit.SECONDS))
                .orElseGet(() -> now.minus(duration.orElse(Duration.ZERO)));
        requireOver(start, duration, now, owner.zone());
        String cartridge = entry.cartridge().map(HandLog::checkedCartridge).orElse("");
        requireNotLogged(owner, area, start, Optional.empty());
        SessionRecorder.Change change = recorder.recordHandEntry(id ->
                Session.loggedByHand(id, owner.id(), area, depth, start, duration, cartridge, device.map(Device::id)));
        return logged(change, owner);
    }

    /**
     * Corrects a session logged by hand: what {@code changes} gives replaces what it said; the rest
     * stays. It is judged again where it now belongs, and so are the sessions after where it was and
     * after where it is.
     *
     * @throws RefusedEntry for a pen's session, an unknown id, nothing to change, or a correction that
     *                      cannot be a session; nothing is changed
     */
    public Logged edit(SessionId id, HandEntry changes) {
        RecordedSession was = existingHandEntry(id);
        Session old = was.session();
        if (changes.isEmpty()) {
            throw new RefusedEntry("nothing to correct in " + id
                    + ": give what was different (the area, depth, duration, time, person, cartridge or device)");
        }
        boolean deviceChanged = changes.device().isPresent();
        Optional<Device> newDevice = changes.device().filter(d -> !d.isEmpty()).map(this::device);
        Optional<String> deviceId = deviceChanged ? newDevice.map(Device::id) : old.device();
        Owner owner =
                changes.owner().map(this::owner).orElseGet(() -> household.get().ownerOrDefault(old.owner()));
        Area area = changes.area().orElse(old.area());
        Depth depth;
        if (changes.depth().isPresent()) {
            depth = depth(
                    changes.depth(), deviceChanged ? newDevice : old.device().flatMap(household.get()::device));
        } else {
            // Another roller brings its own needle length; anything else keeps the depth that was said.
            depth = newDevice.flatMap(Device::needleLength).orElse(old.depth());
        }
        Optional<Duration> duration = changes.duration().map(HandLog::checked).or(old::duration);
        Instant start = changes.at()
                .map(at -> at.in(owner.zone()).truncatedTo(ChronoUnit.SECONDS))
                .orElseGet(() -> endedWhenLogged(was) && changes.duration().isPresent()
                        // It ended when it was logged: a duration given now counts back from there.
                        ? old.endOrStart().minus(duration.orElseThrow())
                        : old.start());
        requireOver(start, duration, now(), owner.zone());
        String cartridge = changes.cartridge().map(HandLog::checkedCartridge).orElse(old.cartridge());
        Session corrected = Session.loggedByHand(id, owner.id(), area, depth, start, duration, cartridge, deviceId);
        if (corrected.equals(old)) {
            throw new RefusedEntry(id + " already says that; nothing was changed");
        }
        requireNotLogged(owner, area, start, Optional.of(id));
        SessionRecorder.Change change = recorder.editHandEntry(corrected).orElseThrow(() -> gone(id));
        return logged(change, owner);
    }

    /**
     * Deletes a session logged by hand; the sessions after it are judged again. Its id is not given to
     * another entry.
     *
     * @throws RefusedEntry for a pen's session or an unknown id; nothing is changed
     */
    public Deleted delete(SessionId id) {
        existingHandEntry(id);
        SessionRecorder.Change change = recorder.deleteHandEntry(id).orElseThrow(() -> gone(id));
        return new Deleted(
                change.session(),
                change.rejudged(),
                household.get().ownerOrDefault(change.session().session().owner()));
    }

    /**
     * Whether the entry was logged without a time, as having ended just then: its end (without a
     * duration, the only moment known, kept as its start) is when it was recorded, give or take the
     * moment between the two clock readings. A session given a start of its own ends later than it was
     * logged only if it had not happened, which is refused.
     */
    private static boolean endedWhenLogged(RecordedSession r) {
        Instant end = r.session().endOrStart();
        return Duration.between(end, r.recordedAt()).abs().compareTo(LOGGED_AT_ONCE) <= 0;
    }

    /** How far apart a session logged without a time may end and be recorded: one command's run. */
    private static final Duration LOGGED_AT_ONCE = Duration.ofSeconds(5);

    private Logged logged(SessionRecorder.Change change, Owner owner) {
        Session session = change.session().session();
        Optional<NextSafe> next = status.forOwner(owner, clock.instant()).stream()
                .filter(a -> a.area() == session.area())
                .findFirst()
                .flatMap(SafetyStatus.AreaStatus::nextSafe);
        return new Logged(change.session(), change.rejudged(), owner, next);
    }

    private RecordedSession existingHandEntry(SessionId id) {
        if (!id.isHandEntry()) {
            throw new RefusedEntry(id + " was recorded by pen " + id.pen().orElseThrow()
                    + ": a pen's record is what it measured, so it cannot be corrected or deleted;"
                    + " only sessions logged by hand (hand-N) can");
        }
        return history.find(id).orElseThrow(() -> gone(id));
    }

    private static RefusedEntry gone(SessionId id) {
        return new RefusedEntry("there is no session " + id
                + " (deleted, or never logged); 'needleguard history' lists the sessions with their ids");
    }

    private Owner owner(String id) {
        return household
                .get()
                .owner(id)
                .orElseThrow(() -> new RefusedEntry(Quote.of(id) + " is not a person of this household; known: "
                        + household.get().owners().stream().map(Owner::id).collect(Collectors.joining(", "))));
    }

    private Owner onlyOwner() {
        List<Owner> people = household.get().owners();
        if (people.size() == 1) {
            return people.get(0);
        }
        throw new RefusedEntry("say whose session it is: this household has " + people.size() + " people ("
                + people.stream().map(Owner::id).collect(Collectors.joining(", ")) + ")");
    }

    private Device device(String id) {
        List<Device> devices = household.get().devices();
        return household
                .get()
                .device(id)
                .orElseThrow(() -> new RefusedEntry(Quote.of(id) + " is not a device of this household; "
                        + (devices.isEmpty()
                                ? "no devices are configured: name it under devices: in the configuration (id,"
                                        + " kind roller or pen, owner, and a roller's needle-length-mm)"
                                : "known: "
                                        + devices.stream().map(Device::id).collect(Collectors.joining(", "))
                                        + " (devices: in the configuration)")));
    }

    /** The depth said, or the roller's needle length; a roller's depth cannot be another. */
    private static Depth depth(Optional<Depth> given, Optional<Device> device) {
        Optional<Depth> fixed = device.flatMap(Device::needleLength);
        if (fixed.isPresent()) {
            if (given.isPresent() && !given.get().equals(fixed.get())) {
                throw new RefusedEntry(device.get().id() + "'s needles are " + fixed.get() + " long, not " + given.get()
                        + ": leave the depth out (a roller's depth is its needle length), or name the roller you used");
            }
            return fixed.get();
        }
        Depth depth = given.orElseThrow(() -> new RefusedEntry("the depth is missing: give the needle depth in mm"
                + device.map(d -> " (" + d.id() + " is a pen: its depth is set for each session)")
                        .orElse(", or name a roller configured under devices:")));
        if (depth.hundredthsMm() <= 0 || depth.isAbove(DEEPEST)) {
            throw new RefusedEntry("a depth of " + depth + " is out of range: give 0.01 to " + DEEPEST
                    + " (no needling device for the skin goes deeper than " + DEEPEST.mm() + " mm)");
        }
        return depth;
    }

    // A duration in whole seconds has no nanosecond adjustment: getNano() alone is the test.
    @SuppressWarnings("JavaDurationGetSecondsGetNano")
    private static Duration checked(Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new RefusedEntry("a duration of " + describe(duration) + " is out of range: give more than 0 and at"
                    + " most " + LONGEST.toHours() + " hours, e.g. 10m");
        }
        if (duration.getNano() != 0) {
            throw new RefusedEntry("a duration is counted in whole seconds, not " + duration + "; e.g. 10m or 90s");
        }
        return duration;
    }

    private static String checkedCartridge(String cartridge) {
        if (cartridge.length() > CARTRIDGE_LENGTH || !cartridge.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new RefusedEntry(Quote.of(cartridge) + " is not a cartridge id: use up to " + CARTRIDGE_LENGTH
                    + " letters, digits or signs without spaces, e.g. C-12");
        }
        return cartridge;
    }

    /**
     * A session is logged once it has happened: it may not end more than {@link #CLOCK_SLACK} from now, nor
     * start before {@link PlausibleTimes#EARLIEST}.
     */
    private static void requireOver(Instant start, Optional<Duration> duration, Instant now, ZoneId zone) {
        PlausibleTimes.problem(start, now, zone).ifPresent(problem -> {
            throw new RefusedEntry("the session's start: " + problem);
        });
        Instant latest = now.plus(CLOCK_SLACK);
        if (start.isAfter(latest)) {
            throw new RefusedEntry("the session would start on " + WHEN.format(start.atZone(zone)) + " (" + zone
                    + "), " + ahead(now, start) + " from now: log a session once it has happened, with the time it"
                    + " started, or without a time for one that ended just now");
        }
        Instant end = duration.map(start::plus).orElse(start);
        if (end.isAfter(latest)) {
            throw new RefusedEntry("the session would end on " + WHEN.format(end.atZone(zone)) + " (" + zone + "), "
                    + ahead(now, end) + " from now: log it once it is over, or check the time it started and its"
                    + " duration");
        }
    }

    /** One person does not needle one area twice in the same second: that is the same entry again. */
    private void requireNotLogged(Owner owner, Area area, Instant start, Optional<SessionId> self) {
        history.ownerSessions(owner.id(), start, start.plusSeconds(1)).stream()
                .map(RecordedSession::session)
                .filter(s -> s.isHandEntry() && s.area() == area && s.start().equals(start))
                .filter(s -> self.map(id -> !id.equals(s.id())).orElse(true))
                .findFirst()
                .ifPresent(s -> {
                    throw new RefusedEntry("this session is already logged as " + s.id() + " (" + owner.id() + ", "
                            + area + ", " + WHEN.format(start.atZone(owner.zone()))
                            + "); correct that one (needleguard log edit " + s.id() + ") rather than log it twice");
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String ahead(Instant now, Instant later) {
        long minutes = Duration.between(now, later).toMinutes();
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = Duration.between(now, later).toHours();
        return hours < 48 ? hours + " hours" : Duration.between(now, later).toDays() + " days";
    }

    /** {@code 5h00m}, {@code 10m30s}, {@code 45s}: as people type durations. */
    @SuppressWarnings("JavaDurationGetSecondsGetNano") // as in checked()
    private static String describe(Duration d) {
        long s = d.toSeconds();
        if (s < 0 || d.getNano() != 0) {
            return d.toString();
        }
        if (s >= 3600) {
            String hours = String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
            return s % 60 == 0 ? hours : hours + String.format(Locale.ROOT, "%02ds", s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
