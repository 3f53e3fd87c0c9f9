package io.needleguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a session took, as history and the demo print it. */
class SessionTextTest {

    @Test
    void durationsReadAsMinutesAndSecondsOrHoursAndMinutes() {
        assertEquals("0s", SessionText.duration(Duration.ZERO));
        assertEquals("45s", SessionText.duration(Duration.ofSeconds(45)));
        assertEquals("1m05s", SessionText.duration(Duration.ofSeconds(65)));
        assertEquals("10m00s", SessionText.duration(Duration.ofMinutes(10)));
        assertEquals("59m59s", SessionText.duration(Duration.ofSeconds(3599)));
        assertEquals("1h05m", SessionText.duration(Duration.ofMinutes(65)));
        assertEquals("12h00m", SessionText.duration(Duration.ofHours(12)));
    }
}
