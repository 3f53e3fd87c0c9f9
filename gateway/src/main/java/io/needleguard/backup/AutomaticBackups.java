package io.needleguard.backup;

import io.needleguard.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs the history up while the gateway runs, as often as the plan says: due one interval after the
 * newest backup in the directory (at once when there is none), on the gateway's clock. A backup that
 * fails is logged once (not again while it keeps failing the same way), tried again within the hour,
 * and its status is told to the listener (the MQTT state, the dashboard) and kept for {@code doctor}.
 */
public final class AutomaticBackups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AutomaticBackups.class);

    /** How often the clock is looked at: a backup is at most this late. */
    static final Duration TICK = Duration.ofMinutes(1);
    /** After a failure, the next attempt comes after this, or after the interval if that is shorter. */
    static final Duration RETRY = Duration.ofHours(1);

    private final BackupPlan plan;
    private final Backups backups;
    private final Clock clock;
    private final Consumer<BackupStatus> listener;
    private final ScheduledExecutorService ticks = DaemonThreads.scheduler("backups");

    // Guarded by this.
    private BackupStatus status;
    private Instant due;

    public AutomaticBackups(BackupPlan plan, Backups backups, Clock clock, Consumer<BackupStatus> listener) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (!plan.enabled()) {
            throw new IllegalArgumentException("automatic backups are off in this plan");
        }
        Instant now = clock.instant();
        this.status = BackupStatus.none(plan.frequency());
        // A newest backup "in the future" (the clock was wrong when it was made) does not hold the next one off.
        this.due = newest(backups)
                .map(newest -> min(
                        newest.plus(plan.frequency().interval()),
                        now.plus(plan.frequency().interval())))
                .orElse(now);
    }

    /** The newest backup; none when the directory cannot be read now (the first attempt says why). */
    private static Optional<Instant> newest(Backups backups) {
        try {
            return backups.newest();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Looks at the clock every minute from now on, on a thread of its own. */
    public void start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            log.error("automatic backups stopped working: {}", e.getMessage(), e);
        }
    }

    /** Makes a backup if one is due now; the status either way. */
    public synchronized BackupStatus runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(due)) {
            return status;
        }
        BackupStatus was = status;
        try {
            Backups.Made made = backups.make(now);
            status = status.succeeded(now, made.file());
            due = now.plus(plan.frequency().interval());
            if (was.failing()) {
                log.info("automatic backup works again: {} ({})", made.file(), made.contents());
            } else {
                log.info("backed the history up: {} ({})", made.file(), made.contents());
            }
            prune();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            status = status.failed(now, why);
            due = now.plus(min(RETRY, plan.frequency().interval()));
            if (!why.equals(was.failure().orElse(null))) {
                log.error(
                        "automatic backup failed: {}; needleguard keeps recording and tries again at {}",
                        why,
                        due.atZone(clock.getZone()).toLocalDateTime().withNano(0));
            } else {
                log.debug("automatic backup failed again: {}", why);
            }
        }
        backups.record(status);
        if (!status.equals(was)) {
            listener.accept(status);
        }
        return status;
    }

    /** Deletes the backups beyond {@code keep}; a failure to do so leaves more backups, and is only logged. */
    private void prune() {
        try {
            List<String> pruned = backups.prune(plan.keep());
            if (!pruned.isEmpty()) {
                log.info("deleted {} older backup(s), keeping the newest {}: {}", pruned.size(), plan.keep(), pruned);
            }
        } catch (RuntimeException e) {
            log.warn("could not delete old backups in {}: {}", plan.directory(), e.getMessage());
        }
    }

    public synchronized BackupStatus status() {
        return status;
    }

    /** When the next backup is due. */
    public synchronized Instant due() {
        return due;
    }

    public BackupPlan plan() {
        return plan;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
