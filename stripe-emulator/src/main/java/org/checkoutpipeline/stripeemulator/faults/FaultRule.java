package org.checkoutpipeline.stripeemulator.faults;

/**
 * Faults for one endpoint (or the default for all Stripe endpoints).
 *
 * @param latencyMs added delay before the request is handled
 * @param jitterMs the delay varies uniformly within {@code latencyMs +/- jitterMs} (never below 0)
 * @param errorRate share of requests answered with a Stripe-shaped 500 {@code api_error}, 0-1
 * @param rateLimitErrorRate share of requests answered with a 429 {@code rate_limit}, 0-1
 */
public record FaultRule(long latencyMs, long jitterMs, double errorRate,
        double rateLimitErrorRate) {

    public static final FaultRule NONE = new FaultRule(0, 0, 0, 0);

    public FaultRule {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency_ms must be >= 0, was " + latencyMs);
        }
        if (jitterMs < 0) {
            throw new IllegalArgumentException("jitter_ms must be >= 0, was " + jitterMs);
        }
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("error_rate must be within 0..1, was " + errorRate);
        }
        if (rateLimitErrorRate < 0 || rateLimitErrorRate > 1) {
            throw new IllegalArgumentException(
                    "rate_limit_error_rate must be within 0..1, was " + rateLimitErrorRate);
        }
        if (errorRate + rateLimitErrorRate > 1) {
            throw new IllegalArgumentException("error_rate + rate_limit_error_rate must be at most 1, was "
                    + (errorRate + rateLimitErrorRate));
        }
    }
}
