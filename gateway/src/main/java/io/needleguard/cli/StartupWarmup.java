package io.needleguard.cli;

import io.needleguard.config.ConfigLoader;
import io.needleguard.store.SqliteDatabase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Start-up work every command needs, begun on a second thread while the main one builds the command
 * line (about a tenth of a second, on one core): Logback's start, SQLite's driver and native library, the
 * YAML reader, the time-zone rules and the date format of listings. Each is done once per JVM, whichever
 * thread asks first; the other finds it done or waits for it, so nothing changes but the time. On two
 * cores or more, commands finish about 30 ms sooner (src/docs/performance.md).
 *
 * <p>Nothing here reads the user's files, prints, or can fail a command: a problem shows when the
 * command itself meets it, with its reason and fix.
 */
final class StartupWarmup {

    /** Open until Logback has started: its loggers are placeholders until then. */
    private static final CountDownLatch LOGGING = new CountDownLatch(1);

    private static volatile boolean started;

    private StartupWarmup() {}

    /** Starts the work on a daemon thread: a command that ends first does not wait for it. */
    static void start() {
        started = true;
        // A class, not a lambda: the first lambda of a JVM costs milliseconds to link.
        Thread thread = new Thread(new Work(), "needleguard-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until Logback has started, if {@link #start} started it: SLF4J hands out placeholder loggers
     * while another thread starts it, and {@link Logging} needs Logback's own root logger.
     */
    static void awaitLogging() {
        if (!started) {
            return;
        }
        try {
            LOGGING.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The work, for a thread of its own or, in the class-data training run, the caller's. */
    static final class Work implements Runnable {
        @Override
        public void run() {
            warmUp();
        }
    }

    private static void warmUp() {
        try {
            LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError e) {
            // the command's own first log line meets it
        } finally {
            LOGGING.countDown();
        }
        SqliteDatabase.warmUp();
        ConfigLoader.warmUp();
        try {
            SessionText.when(Instant.EPOCH, ZoneId.systemDefault(), SessionText.DATE_TIME);
        } catch (RuntimeException e) {
            // the listing meets it
        }
    }
}
