package io.needleguard.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: the delay before retry n is {@code first * 2^n}, capped at
 * {@code max}, then spread by up to ±{@code jitter} so that many clients (or pens) that failed
 * together do not all retry in the same instant.
 */
public record Backoff(Duration first, Duration max, double jitter, RandomGenerator random) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1), got " + jitter);
        }
    }

    /** 1 s doubling to 60 s, ±20 %. */
    public static Backoff standard() {
        // java.util.Random, not RandomGenerator.getDefault(): that one is found through ServiceLoader, which
        // fails under some class loaders (an embedding application's, Maven's in-process test runs).
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, new java.util.Random());
    }

    /** The delay before the retry that follows {@code failures} consecutive failures (1 or more). */
    public Duration delayAfter(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long base = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 62 - 10));
        double spread = jitter == 0 ? 1 : 1 - jitter + random.nextDouble() * 2 * jitter;
        return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
    }
}
