package io.needleguard.ble.dbus;

import io.needleguard.ble.BleException;
import io.needleguard.threads.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs BlueZ method calls on threads of their own, with our own timeouts: a BlueZ method that never
 * answers (a pen that stopped mid-connection) ties up one of these threads, never a pen's link or a
 * D-Bus signal thread.
 */
final class DbusCalls implements AutoCloseable {

    private final ExecutorService threads;

    DbusCalls(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(
                threads,
                r -> DaemonThreads.named("bluez-dbus-" + n.incrementAndGet()).newThread(r));
    }

    <T> T call(String what, Duration timeout, Callable<T> call) throws BleException {
        Future<T> result = threads.submit(call);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new BleException(what + ": no answer from BlueZ within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BleException(what + ": " + DbusProblems.describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BleException(what + ": interrupted", e);
        }
    }

    void run(String what, Duration timeout, Runnable call) throws BleException {
        call(what, timeout, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
