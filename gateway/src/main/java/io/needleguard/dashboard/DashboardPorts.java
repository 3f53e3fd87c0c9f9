package io.needleguard.dashboard;

import io.needleguard.gateway.Gateway;
import io.needleguard.history.HandEntry;
import io.needleguard.history.HandLog;
import io.needleguard.history.RefusedEntry;
import io.needleguard.history.SessionRecorder.ConditionChange;
import io.needleguard.household.ConditionPeriod;
import io.needleguard.household.Household;
import io.needleguard.household.Owner;
import io.needleguard.household.PenLending;
import io.needleguard.rules.SafetyCheck;
import io.needleguard.session.Area;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the dashboard's API reads and changes, as narrow ports: whoever starts the dashboard wires
 * them ({@link #of} over a running {@link Gateway}, plus the pairing the command line has the Bluetooth
 * backend and the pairings for).
 */
public record DashboardPorts(
        GatewayReads gateway,
        HistoryReads history,
        PenControl pens,
        HistoryChanges changes,
        PenPairing pairing,
        HouseholdSetup household) {

    public DashboardPorts {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(pens, "pens");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(household, "household");
    }

    /**
     * The ports over a built gateway with a household fixed at start (lending a pen is refused); pairing
     * and setting the household up from the page are off ({@link PenPairing#NONE}, {@link HouseholdSetup#NONE}).
     */
    public static DashboardPorts of(Gateway gateway) {
        return of(gateway, PenLending.none(gateway::household));
    }

    /** The ports over a built gateway, lending pens through {@code lending} (the household API). */
    public static DashboardPorts of(Gateway gateway, PenLending lending) {
        GatewayReads reads = new GatewayReads() {
            @Override
            public Household household() {
                return gateway.household();
            }

            @Override
            public SafetyCheck rules() {
                return gateway.safetyCheck();
            }

            @Override
            public Clock clock() {
                return gateway.clock();
            }
        };
        var history = gateway.history();
        HistoryReads historyReads = new HistoryReads() {
            @Override
            public io.needleguard.history.SessionHistory sessions() {
                return history.sessions();
            }

            @Override
            public io.needleguard.history.ConditionHistory conditions() {
                return history.conditions();
            }

            @Override
            public io.needleguard.history.AreaChoices areas() {
                return history.areas();
            }
        };
        PenControl pens = new PenControl() {
            @Override
            public Set<String> recordedPens() {
                return gateway.recordedPens();
            }

            @Override
            public void chooseArea(String serial, Area area) {
                gateway.chooseArea(serial, area);
            }

            @Override
            public Owner nextSessionFor(String serial) {
                return lending.nextSessionFor(serial);
            }

            @Override
            public void lendPen(String serial, String person) {
                lending.lendPen(serial, person);
            }
        };
        HistoryChanges changes = new HistoryChanges() {
            @Override
            public HandLog.Logged logByHand(HandEntry entry) throws RefusedEntry {
                return gateway.handLog().log(entry);
            }

            @Override
            public ConditionChange addCondition(ConditionPeriod condition) {
                return gateway.recorder().addCondition(condition);
            }

            @Override
            public Optional<ConditionChange> endCondition(long id, Instant until) {
                return gateway.recorder().endCondition(id, until);
            }

            @Override
            public io.needleguard.history.SessionRecorder.Assignment assign(
                    io.needleguard.session.SessionId id, String owner) {
                return gateway.recorder().assign(id, owner);
            }
        };
        return new DashboardPorts(reads, historyReads, pens, changes, PenPairing.NONE, HouseholdSetup.NONE);
    }

    /** The same ports, with pairing from the page through {@code pairing}. */
    public DashboardPorts withPairing(PenPairing pairing) {
        return new DashboardPorts(gateway, history, pens, changes, pairing, household);
    }

    /** The same ports, with the household's people, pens' owners and devices set up from the page. */
    public DashboardPorts withHousehold(HouseholdSetup household) {
        return new DashboardPorts(gateway, history, pens, changes, pairing, household);
    }
}
