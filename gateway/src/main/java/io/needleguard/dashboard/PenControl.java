package io.needleguard.dashboard;

import io.needleguard.household.Owner;
import io.needleguard.session.Area;
import java.util.Set;

/** The pens the running gateway records, and choosing the area of a pen's next sessions and who it is for. */
public interface PenControl {

    /** The pens recorded (configured and paired), as the gateway last read them. */
    Set<String> recordedPens();

    /** As {@code needleguard area set}: stored, written to the pen, published. */
    void chooseArea(String serial, Area area);

    /** Who the pen's next session is for: the person it is lent to, else its owner. */
    Owner nextSessionFor(String serial);

    /**
     * As {@code needleguard pens lend}: the pen's next session is the person's; its owner gives it back.
     *
     * @throws io.needleguard.household.RefusedChange naming the fix (not a person of the household...)
     */
    void lendPen(String serial, String person);
}
