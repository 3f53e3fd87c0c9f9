package io.needleguard.gateway;

import io.needleguard.history.History;
import io.needleguard.history.RecordedSession;
import io.needleguard.history.SafetyStatus;
import io.needleguard.household.Household;
import io.needleguard.household.HouseholdInForce;
import io.needleguard.household.Owner;
import io.needleguard.link.PenFleet;
import io.needleguard.session.Area;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows of the history and acts on: the pens it records, their area choices, the
 * household in force and the owners' statuses. Looked at again when another process committed to the
 * history (its {@link io.needleguard.history.ChangeSignal} moved) or this one changed the household,
 * and the difference acted on and told to the listeners.
 */
final class HistoryWatch {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final History history;
    private final HouseholdInForce household;
    private final Supplier<Set<String>> recordedPens;
    private final PenFleet fleet;
    private final Listeners listeners;
    private final SafetyStatus status;
    private final Clock clock;

    // Guarded by this: what the gateway last acted on.
    private Set<String> knownPens = Set.of();
    private final Map<String, Area> knownChoices = new HashMap<>();
    private long seenVersion;
    private Household toldHousehold;

    HistoryWatch(
            History history,
            HouseholdInForce household,
            Supplier<Set<String>> recordedPens,
            PenFleet fleet,
            Listeners listeners,
            SafetyStatus status,
            Clock clock) {
        this.history = history;
        this.household = household;
        this.recordedPens = recordedPens;
        this.fleet = fleet;
        this.listeners = listeners;
        this.status = status;
        this.clock = clock;
    }

    /** Tells the listeners what the history holds: the pens, their chosen areas and last sessions. */
    synchronized void start() {
        toldHousehold = household.get();
        history.sessions().saveOwners(toldHousehold.owners());
        seenVersion = history.changes().version();
        knownPens = Set.copyOf(recordedPens.get());
        knownChoices.putAll(history.areas().chosenAreas());
        listeners.pensChanged(knownPens);
        new TreeSet<>(knownPens).forEach(this::tellWhatIsKnown);
    }

    /** Refreshes when another process has committed to the history since the last look, or the household changed. */
    void watch() {
        try {
            long version = history.changes().version();
            boolean historyMoved;
            synchronized (this) {
                historyMoved = version != seenVersion;
                seenVersion = version;
            }
            if (historyMoved) {
                log.debug("the history was changed by another process; reading it again");
                household.reread();
            }
            boolean householdMoved = tellHouseholdIfChanged();
            if (historyMoved) {
                refresh();
                listeners.historyChanged();
            } else if (householdMoved) {
                tellOwnerStatuses();
            }
        } catch (RuntimeException e) {
            log.warn("could not look for changes to the history: {}", e.getMessage());
        }
    }

    /** See {@link Gateway#refresh()}. */
    synchronized void refresh() {
        Set<String> pens = Set.copyOf(recordedPens.get());
        if (!pens.equals(knownPens)) {
            for (String gone : knownPens) {
                if (!pens.contains(gone)) {
                    log.info("pen {} is no longer paired: disconnected, and no longer recorded", gone);
                    fleet.forget(gone);
                }
            }
            log.info("the pens recorded are now {}", pens.isEmpty() ? "none" : String.join(", ", new TreeSet<>(pens)));
            Set<String> joined = new TreeSet<>(pens);
            joined.removeAll(knownPens);
            knownPens = pens;
            listeners.pensChanged(pens);
            joined.forEach(this::tellWhatIsKnown);
        }
        history.areas().chosenAreas().forEach((pen, area) -> {
            if (knownChoices.put(pen, area) != area) {
                fleet.writeArea(pen, area);
                listeners.areaChosen(pen, area);
            }
        });
        tellOwnerStatuses();
    }

    /** The pens this gateway records, as last read from the history. */
    synchronized Set<String> recordedPens() {
        return knownPens;
    }

    /**
     * Tells the listeners the household in force when it is not the one they were last told (a person
     * added from the command line or the page, a pen given to someone else...), and keeps its people's
     * time zones with the history, as at start. True if it changed.
     */
    private synchronized boolean tellHouseholdIfChanged() {
        Household now = household.get();
        if (now.equals(toldHousehold)) {
            return false;
        }
        log.info(
                "the household changed: {}; sessions are recorded for it from now on",
                now.owners().stream().map(Owner::id).collect(Collectors.joining(", ")));
        history.sessions().saveOwners(now.owners());
        toldHousehold = now;
        listeners.householdChanged(now);
        return true;
    }

    /** The history's facts about a pen, in one event, so that its published state is complete at once. */
    private void tellWhatIsKnown(String pen) {
        Optional<RecordedSession> last = history.sessions().lastSession(pen).flatMap(history.sessions()::find);
        listeners.penKnown(pen, Optional.ofNullable(knownChoices.get(pen)), last);
    }

    /** Every owner's next safe times, now: after a change, and every so often as "safe now" changes with time. */
    void tellOwnerStatuses() {
        if (listeners.none()) {
            return;
        }
        try {
            for (Owner owner : household.get().owners()) {
                listeners.ownerStatus(status.statusOf(owner, clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("could not work out the next safe times: {}", e.getMessage());
        }
    }
}
