package io.needleguard.sim.world;

import io.needleguard.sim.scenario.ScenarioHandEntry;
import io.needleguard.sim.scenario.ScenarioSession;
import java.time.Instant;

/** Something that happens in the simulated world at a moment of virtual time. */
public sealed interface WorldEvent {

    Instant at();

    /**
     * The order of events at the same instant: a pen stops before it leaves, returns before it starts,
     * and a person logs a session by hand after what the pens do.
     */
    int rank();

    /** Something that happens to one simulated pen. */
    sealed interface PenEvent extends WorldEvent {
        String pen();
    }

    record Stop(Instant at, ScenarioSession session) implements PenEvent {
        @Override
        public String pen() {
            return session.pen();
        }

        @Override
        public int rank() {
            return 0;
        }
    }

    record BackInRange(Instant at, String pen) implements PenEvent {
        @Override
        public int rank() {
            return 1;
        }
    }

    record OutOfRange(Instant at, String pen) implements PenEvent {
        @Override
        public int rank() {
            return 2;
        }
    }

    record Start(Instant at, ScenarioSession session) implements PenEvent {
        @Override
        public String pen() {
            return session.pen();
        }

        @Override
        public int rank() {
            return 3;
        }
    }

    /** A person logs a session by hand (a roller, a pen without Bluetooth): no pen takes part. */
    record HandLogged(Instant at, ScenarioHandEntry entry) implements WorldEvent {
        @Override
        public int rank() {
            return 4;
        }
    }
}
