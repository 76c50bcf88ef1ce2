package org.checkoutpipeline.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces Stripe calls to stay under a rate limit, and slows down when Stripe says it is being
 * called too fast: each 429 halves the rate (down to a floor), and every second without one
 * wins back a tenth of the configured rate (additive increase, multiplicative decrease).
 *
 * <p>Permits are handed out as time slots: a caller reserves the next free slot and sleeps until
 * it, so bursts are smoothed and callers are served in arrival order.
 */
public final class AdaptiveRateLimiter {

    private static final double MIN_FRACTION = 0.05;

    private final double maxRate;
    private final LongSupplier nanoTime;
    private double rate;
    private long nextFreeSlot;
    private long lastAdjustment;

    public AdaptiveRateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    public AdaptiveRateLimiter(double permitsPerSecond, LongSupplier nanoTime) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive. Got: " + permitsPerSecond);
        }
        this.maxRate = permitsPerSecond;
        this.rate = permitsPerSecond;
        this.nanoTime = nanoTime;
        this.nextFreeSlot = nanoTime.getAsLong();
        this.lastAdjustment = nextFreeSlot;
    }

    /** Blocks until the caller may make one call. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted waiting for a Stripe rate-limit slot");
            }
        }
    }

    /**
     * Waits for a slot only if one is free within {@code maxWait}; otherwise reserves nothing.
     *
     * @return whether the caller may make its call now
     */
    public boolean tryAcquire(java.time.Duration maxWait) throws InterruptedException {
        long wait = reserve(maxWait.toNanos());
        if (wait < 0) {
            return false;
        }
        if (wait > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted waiting for a Stripe rate-limit slot");
            }
        }
        return true;
    }

    /** Reserves the next slot and returns how many nanoseconds to wait for it. */
    synchronized long reserve() {
        return reserve(Long.MAX_VALUE);
    }

    /** Reserves the next slot if it is at most {@code maxWait} away: the wait, or -1 with nothing reserved. */
    private synchronized long reserve(long maxWait) {
        long now = nanoTime.getAsLong();
        recover(now);
        long slot = Math.max(nextFreeSlot, now);
        if (slot - now > maxWait) {
            return -1;
        }
        nextFreeSlot = slot + (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        return slot - now;
    }

    /** Stripe answered 429: halve the rate. */
    public synchronized void slowDown() {
        long now = nanoTime.getAsLong();
        rate = Math.max(maxRate * MIN_FRACTION, rate / 2);
        lastAdjustment = now;
    }

    /** The current rate in calls per second. */
    public synchronized double rate() {
        recover(nanoTime.getAsLong());
        return rate;
    }

    private void recover(long now) {
        if (rate >= maxRate) {
            lastAdjustment = now;
            return;
        }
        double seconds = (now - lastAdjustment) / 1e9;
        if (seconds >= 1) {
            rate = Math.min(maxRate, rate + maxRate * 0.1 * Math.floor(seconds));
            lastAdjustment = now;
        }
    }
}
