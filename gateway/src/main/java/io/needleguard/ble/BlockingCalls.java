package io.needleguard.ble;

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
import java.util.function.Function;

/**
 * Runs a Bluetooth library's blocking calls on threads of their own, with our own timeouts, for the
 * backends (TinyB blocks, and some of its calls wait 25 s inside BlueZ; a BlueZ method called over
 * D-Bus may never answer when a pen stops mid-connection). A caller (a pen's link, a D-Bus signal
 * thread) waits only as long as we say, and a stuck call ties up one of these threads, not the gateway.
 */
public final class BlockingCalls implements AutoCloseable {

    private final ExecutorService threads;
    private final Function<Throwable, String> describe;

    /**
     * @param name     the threads' name, numbered ({@code tinyb-1}, ...)
     * @param describe what a failed call's exception means, in a user's words (the backend's problems)
     */
    public BlockingCalls(String name, int threads, Function<Throwable, String> describe) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(
                threads,
                r -> DaemonThreads.named(name + "-" + n.incrementAndGet()).newThread(r));
        this.describe = describe;
    }

    public <T> T call(String what, Duration timeout, Callable<T> call) throws BleException {
        Future<T> result = threads.submit(call);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new BleException(what + ": no answer from BlueZ within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BleException(what + ": " + describe.apply(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BleException(what + ": interrupted", e);
        }
    }

    public void run(String what, Duration timeout, Runnable call) throws BleException {
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
