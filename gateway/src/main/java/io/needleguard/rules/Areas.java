package io.needleguard.rules;

import io.needleguard.session.Area;
import io.needleguard.session.Session;
import java.time.Duration;

/** How areas and sessions relate for the rules. */
final class Areas {

    /**
     * A pen stopped and started again on the same area within this gap is one treatment with a pause,
     * not a second treatment: spacing does not apply between the two. Engineering judgement [J]; without
     * it, pausing the pen for a minute would read as needling the same skin twice in one day.
     */
    static final Duration CONTINUATION_GAP = Duration.ofMinutes(30);

    private Areas() {
    }

    /** Same area, or either side unspecified: an unspecified area could be any area. */
    static boolean overlap(Area a, Area b) {
        return a == b || a == Area.UNSPECIFIED || b == Area.UNSPECIFIED;
    }

    static boolean continuesTreatment(Session earlier, Session later) {
        return earlier.area() == later.area()
                && earlier.pen().equals(later.pen())
                && !later.start().isAfter(earlier.end().plus(CONTINUATION_GAP));
    }
}
