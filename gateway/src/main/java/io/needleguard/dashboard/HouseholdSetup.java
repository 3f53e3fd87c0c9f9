package io.needleguard.dashboard;

import io.needleguard.household.HouseholdChanges;
import java.util.Optional;

/**
 * Setting the household up from the page (people, pens' owners, devices without Bluetooth) through the
 * same {@link HouseholdChanges} the command line uses, and telling the running gateway to act on a change
 * at once. Whoever starts the dashboard wires it; without it the page says to use the command line.
 */
public interface HouseholdSetup {

    /** The household API; empty where the page does not change the household (a test, a replay). */
    Optional<HouseholdChanges> changes();

    /** Called after each change the page made: the running gateway reads the household again. */
    void changed();

    /** Over {@code changes}, with {@code changed} run after each change. */
    static HouseholdSetup of(HouseholdChanges changes, Runnable changed) {
        return new HouseholdSetup() {
            @Override
            public Optional<HouseholdChanges> changes() {
                return Optional.of(changes);
            }

            @Override
            public void changed() {
                changed.run();
            }
        };
    }

    /** The household is set up on the gateway's computer only. */
    HouseholdSetup NONE = new HouseholdSetup() {
        @Override
        public Optional<HouseholdChanges> changes() {
            return Optional.empty();
        }

        @Override
        public void changed() {}
    };
}
