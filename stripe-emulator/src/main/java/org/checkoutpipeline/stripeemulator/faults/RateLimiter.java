package org.checkoutpipeline.stripeemulator.faults;

/**
 * A token bucket in real (monotonic) time: {@code perSecond} tokens per second, bursts up to one
 * second's worth.
 */
final class RateLimiter {

    private final double perSecond;
    private double tokens;
    private long lastNanos;

    RateLimiter(double perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastNanos = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        double elapsed = (nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        tokens = Math.min(perSecond, tokens + elapsed * perSecond);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
