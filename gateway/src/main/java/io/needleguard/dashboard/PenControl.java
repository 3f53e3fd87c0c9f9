package io.needleguard.dashboard;

import io.needleguard.session.Area;
import java.util.Set;

/** The pens the running gateway records, and choosing the area of a pen's next sessions. */
public interface PenControl {

    /** The pens recorded (configured and paired), as the gateway last read them. */
    Set<String> recordedPens();

    /** As {@code needleguard area set}: stored, written to the pen, published. */
    void chooseArea(String serial, Area area);
}
