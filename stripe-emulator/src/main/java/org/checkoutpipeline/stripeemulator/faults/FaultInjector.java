package org.checkoutpipeline.stripeemulator.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.checkoutpipeline.stripeemulator.api.ApiError;

/**
 * Decides, per request and before anything is handled, how long to delay it and whether to answer
 * with an injected error. The configuration can be replaced at any time.
 */
public final class FaultInjector {

    private final AtomicReference<State> state;

    private record State(FaultConfig config, RateLimiter limiter) {}

    /** The delay to apply and the error to answer with (null to handle the request normally). */
    public record Decision(long delayMs, ApiError error) {}

    public FaultInjector(FaultConfig initial) {
        state = new AtomicReference<>(stateOf(initial));
    }

    private static State stateOf(FaultConfig config) {
        return new State(config, config.rateLimitPerSecond() > 0
                ? new RateLimiter(config.rateLimitPerSecond(), System.nanoTime()) : null);
    }

    public FaultConfig config() {
        return state.get().config();
    }

    public void configure(FaultConfig config) {
        state.set(stateOf(config));
    }

    public Decision decide(String endpoint) {
        State current = state.get();
        if (current.config().isNone()) {
            return new Decision(0, null);
        }
        FaultRule rule = current.config().ruleFor(endpoint);
        var random = ThreadLocalRandom.current();
        long delay = rule.latencyMs();
        if (rule.jitterMs() > 0) {
            delay = Math.max(0, delay + random.nextLong(-rule.jitterMs(), rule.jitterMs() + 1));
        }
        if (current.limiter() != null && !current.limiter().tryAcquire(System.nanoTime())) {
            return new Decision(delay, rateLimited());
        }
        double roll = random.nextDouble();
        if (roll < rule.errorRate()) {
            return new Decision(delay, new ApiError(500, "api_error", null, null,
                    "An unknown error occurred (injected by the Stripe emulator's fault settings).", null,
                    false));
        }
        if (roll < rule.errorRate() + rule.rateLimitErrorRate()) {
            return new Decision(delay, rateLimited());
        }
        return new Decision(delay, null);
    }

    private static ApiError rateLimited() {
        return new ApiError(429, "invalid_request_error", "rate_limit", null,
                "Request rate limit exceeded. Learn more about rate limits here"
                        + " https://stripe.com/docs/rate-limits.", null, false);
    }
}
