package io.needleguard.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Bluetooth operation's time limit, shared by its calls. */
class DeadlineTest {

    @Test
    void aCallGetsWhatIsLeftAndAPollWaitsWhileThereIsTimeForIt() throws BleException {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        assertFalse(deadline.passed());
        Duration left = deadline.remaining();
        assertTrue(
                left.compareTo(Duration.ofMinutes(1)) <= 0 && left.compareTo(Duration.ofSeconds(50)) > 0,
                left::toString);
        deadline.pause("not reached");
    }

    @Test
    void onceItHasPassedCallsAndPollsFailSayingWhat() {
        Deadline deadline = Deadline.after(Duration.ZERO);
        assertTrue(deadline.passed());
        assertEquals(
                "timed out",
                assertThrows(BleException.class, deadline::remaining).getMessage());
        assertEquals(
                "no device C0:FF:EE in range",
                assertThrows(BleException.class, () -> deadline.pause("no device C0:FF:EE in range"))
                        .getMessage());
        // Less than one poll left is no time to poll in.
        Deadline almost = Deadline.after(Duration.ofMillis(50));
        assertThrows(BleException.class, () -> almost.pause("services were not resolved in time"));
    }
}
