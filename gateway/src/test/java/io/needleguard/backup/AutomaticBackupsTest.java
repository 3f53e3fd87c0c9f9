package io.needleguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needleguard.testing.LogCapture;
import io.needleguard.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When automatic backups are made, on the gateway's clock, and what happens when one fails. */
class AutomaticBackupsTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    /** Backups kept in memory; made, or failing with a message, as the test says. */
    private static final class FakeBackups implements Backups {
        final List<Instant> made = new ArrayList<>();
        final List<BackupStatus> recorded = new ArrayList<>();
        String failure;

        @Override
        public Optional<Instant> newest() {
            return made.isEmpty() ? Optional.empty() : Optional.of(made.get(made.size() - 1));
        }

        @Override
        public Made make(Instant at) {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            made.add(at);
            return new Made("b-" + at, "3 sessions");
        }

        @Override
        public List<String> prune(int keep) {
            List<String> gone = new ArrayList<>();
            while (made.size() > keep) {
                gone.add("b-" + made.remove(0));
            }
            return gone;
        }

        @Override
        public void record(BackupStatus status) {
            recorded.add(status);
        }
    }

    private static BackupPlan daily(int keep) {
        return new BackupPlan(Frequency.DAILY, keep, Path.of("/backups"));
    }

    @Test
    void theFirstIsMadeAtOnceThenOneADayOnTheClockAndOnlyTheNewestAreKept() {
        TestClock clock = new TestClock(START);
        FakeBackups backups = new FakeBackups();
        List<BackupStatus> told = new ArrayList<>();
        try (AutomaticBackups automatic = new AutomaticBackups(daily(3), backups, clock, told::add)) {
            automatic.runIfDue();
            assertEquals(List.of(START), backups.made, "none existed: one at once");

            clock.advance(Duration.ofHours(23));
            automatic.runIfDue();
            assertEquals(1, backups.made.size(), "not before a day has passed");

            for (int day = 1; day <= 4; day++) {
                clock.advance(day == 1 ? Duration.ofHours(1) : Duration.ofDays(1));
                automatic.runIfDue();
            }
            assertEquals(3, backups.made.size(), "the newest three kept: " + backups.made);
            assertEquals(START.plus(Duration.ofDays(4)), backups.made.get(2));
            assertEquals(
                    Optional.of(START.plus(Duration.ofDays(4))),
                    automatic.status().lastSuccess());
            assertEquals(5, told.size(), "the status was told after each backup");
            assertEquals(backups.recorded.get(backups.recorded.size() - 1), automatic.status(), "and kept for doctor");
        }
    }

    @Test
    void aGatewayStartedHalfADayAfterTheLastBackupMakesTheNextHalfADayLater() {
        TestClock clock = new TestClock(START);
        FakeBackups backups = new FakeBackups();
        backups.made.add(START.minus(Duration.ofHours(12)));
        try (AutomaticBackups automatic = new AutomaticBackups(daily(14), backups, clock, s -> {})) {
            assertEquals(START.plus(Duration.ofHours(12)), automatic.due());
            automatic.runIfDue();
            assertEquals(1, backups.made.size());
        }
    }

    @Test
    void aFailureIsLoggedOnceToldAndTriedAgainWithinTheHourUntilItWorks() {
        TestClock clock = new TestClock(START);
        FakeBackups backups = new FakeBackups();
        backups.failure = "cannot write the backup /media/usb/x.db (No such file or directory)";
        List<BackupStatus> told = new ArrayList<>();
        try (LogCapture log = new LogCapture(AutomaticBackups.class);
                AutomaticBackups automatic = new AutomaticBackups(daily(14), backups, clock, told::add)) {
            automatic.runIfDue();
            BackupStatus failing = automatic.status();
            assertTrue(failing.failing());
            assertEquals(Optional.of(START), failing.failedAt());
            assertEquals(Optional.of(backups.failure), failing.failure());
            assertEquals(START.plus(Duration.ofHours(1)), automatic.due(), "tried again within the hour");

            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofHours(1));
                automatic.runIfDue();
            }
            assertEquals(1, log.count("automatic backup failed: " + backups.failure), "logged once: " + log.messages());
            assertEquals(6, backups.recorded.size(), "every attempt's status is kept for doctor");

            backups.failure = null;
            clock.advance(Duration.ofHours(1));
            automatic.runIfDue();
            assertFalse(automatic.status().failing());
            assertEquals(
                    1, log.count("automatic backup works again"), log.messages().toString());
            assertTrue(told.get(told.size() - 1).lastSuccess().isPresent());
        }
    }
}
