package io.needleguard.household;

import java.time.Instant;

/**
 * Whose a pen's session is, asked when it is recorded (not when the gateway started): the person the
 * pen was lent to for its next session, else the pen's owner as the household says now.
 */
public interface SessionOwners {

    /** Who the pen's session that started at {@code start} is recorded for. */
    Owner ownerOfSession(String serial, Instant start);

    /** The session was recorded: a lending it used is over. */
    void recorded(String serial, Instant start);

    /** The household fixed at start: every session is its pen's owner's. */
    static SessionOwners fixed(Household household) {
        return new SessionOwners() {
            @Override
            public Owner ownerOfSession(String serial, Instant start) {
                return household.ownerOfPen(serial);
            }

            @Override
            public void recorded(String serial, Instant start) {}
        };
    }
}
