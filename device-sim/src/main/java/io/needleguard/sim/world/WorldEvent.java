package io.needleguard.sim.world;

import io.needleguard.sim.scenario.ScenarioSession;
import java.time.Instant;

/** Something that happens to a simulated pen at a moment of virtual time. */
public sealed interface WorldEvent {

    Instant at();

    String pen();

    /** The order of events at the same instant: a pen stops before it leaves, returns before it starts. */
    int rank();

    record Stop(Instant at, ScenarioSession session) implements WorldEvent {
        public String pen() {
            return session.pen();
        }

        public int rank() {
            return 0;
        }
    }

    record BackInRange(Instant at, String pen) implements WorldEvent {
        public int rank() {
            return 1;
        }
    }

    record OutOfRange(Instant at, String pen) implements WorldEvent {
        public int rank() {
            return 2;
        }
    }

    record Start(Instant at, ScenarioSession session) implements WorldEvent {
        public String pen() {
            return session.pen();
        }

        public int rank() {
            return 3;
        }
    }
}
