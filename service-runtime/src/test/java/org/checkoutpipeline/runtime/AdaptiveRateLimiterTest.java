package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AdaptiveRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void callsAreSpacedToTheRate() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(100, nanos::get);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(10_000_000L);
        assertThat(limiter.reserve()).isEqualTo(20_000_000L);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(10, nanos::get);
        limiter.reserve();
        nanos.addAndGet(5_000_000_000L);
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(100_000_000L);
    }

    @Test
    void rateLimitedAnswersHalveTheRateAndQuietSecondsWinItBack() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(100, nanos::get);
        limiter.slowDown();
        assertThat(limiter.rate()).isEqualTo(50);
        limiter.slowDown();
        assertThat(limiter.rate()).isEqualTo(25);
        nanos.addAndGet(2_000_000_000L);
        assertThat(limiter.rate()).isEqualTo(45);
        nanos.addAndGet(60_000_000_000L);
        assertThat(limiter.rate()).isEqualTo(100);
    }

    @Test
    void rateNeverFallsBelowAFloor() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(100, nanos::get);
        for (int i = 0; i < 20; i++) {
            limiter.slowDown();
        }
        assertThat(limiter.rate()).isEqualTo(5);
    }

    @Test
    void nonPositiveRateIsRejected() {
        assertThatThrownBy(() -> new AdaptiveRateLimiter(0)).hasMessage("permitsPerSecond must be positive. Got: 0.0");
    }
}
