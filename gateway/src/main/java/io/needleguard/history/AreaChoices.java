package io.needleguard.history;

import io.needleguard.session.Area;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The area each pen's next sessions are on, as the user chose it. The pen cannot know where it is
 * used; the gateway writes the choice to the pen, which tags the sessions that follow with it.
 */
public interface AreaChoices {

    Optional<Area> chosenArea(String pen);

    /** Records the choice made at {@code at}; a later choice for the same pen replaces it. */
    void chooseArea(String pen, Area area, Instant at);

    /** Every pen's current choice, for a running gateway to notice changes. */
    Map<String, Area> chosenAreas();
}
