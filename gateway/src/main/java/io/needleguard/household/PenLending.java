package io.needleguard.household;

import java.time.Instant;

/**
 * Who a pen's next session is for, and lending the pen for it: the choice MQTT, Home Assistant and the
 * page offer beside the area of the next sessions. A pen not lent is its owner's.
 */
public interface PenLending {

    /** The person the pen's next session is for now: the one it is lent to, else its owner. */
    Owner nextSessionFor(String serial);

    /**
     * The person the session after one recorded (started at {@code start}) is for: that session ended a
     * lending it used, whether or not the lending has been closed yet.
     */
    Owner nextSessionAfter(String serial, Instant start);

    /**
     * Lends the pen to {@code person} for its next session; its owner gives it back.
     *
     * @throws RefusedChange naming the fix: not a pen of this gateway, not a person of the household
     */
    void lendPen(String serial, String person);

    /** A household fixed at start (the demo's): every session is the pen's owner's, and lending is refused. */
    static PenLending none(java.util.function.Supplier<Household> household) {
        return new PenLending() {
            @Override
            public Owner nextSessionFor(String serial) {
                return household.get().ownerOfPen(serial);
            }

            @Override
            public Owner nextSessionAfter(String serial, Instant start) {
                return nextSessionFor(serial);
            }

            @Override
            public void lendPen(String serial, String person) {
                throw new RefusedChange("this gateway's household is fixed (a demo or a simulation): run 'needleguard"
                        + " run' to lend a pen");
            }
        };
    }
}
