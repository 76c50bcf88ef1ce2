package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeResponse;
import org.checkoutpipeline.runtime.StripeRetry.Cause;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StripeRetryTest {

    @Test
    void connectionErrors409s429sAnd5xxAreRetried() {
        assertThat(StripeRetry.causeOf(new ApiConnectionException("reset"))).isEqualTo(Cause.CONNECTION);
        assertThat(StripeRetry.causeOf(new RateLimitException("slow down", null, "req_1", "rate_limit", 429, null)))
                .isEqualTo(Cause.RATE_LIMITED);
        assertThat(StripeRetry.causeOf(new ApiException("busy", "req_2", null, 409, null))).isEqualTo(Cause.CONFLICT);
        assertThat(StripeRetry.causeOf(new ApiException("oops", "req_3", null, 500, null))).isEqualTo(Cause.SERVER_ERROR);
        assertThat(StripeRetry.causeOf(new ApiException("bad gateway", "req_4", null, 502, null))).isEqualTo(Cause.SERVER_ERROR);
    }

    @Test
    void stripeShouldRetryHeaderDecidesBeforeTheStatus() {
        assertThat(StripeRetry.causeOf(withShouldRetry(new ApiException("busy", "req_5", null, 500, null), "false")))
                .as("a 5xx Stripe says not to retry").isNull();
        assertThat(StripeRetry.causeOf(withShouldRetry(
                new InvalidRequestException("lock timeout", null, "req_6", "lock_timeout", 400, null), "true")))
                .as("a 4xx Stripe says to retry").isEqualTo(Cause.SERVER_ERROR);
        assertThat(StripeRetry.causeOf(withShouldRetry(new ApiException("busy", "req_7", null, 409, null), "true")))
                .isEqualTo(Cause.CONFLICT);
        assertThat(StripeRetry.causeOf(withShouldRetry(new ApiException("oops", "req_8", null, 503, null), "maybe")))
                .as("an unknown value leaves the status to decide").isEqualTo(Cause.SERVER_ERROR);
    }

    /** The error as stripe-java builds it from a response carrying {@code Stripe-Should-Retry}. */
    private static StripeException withShouldRetry(StripeException error, String value) {
        StripeError body = new StripeError();
        body.setLastResponse(new StripeResponse(error.getStatusCode(),
                HttpHeaders.of(Map.of("Stripe-Should-Retry", List.of(value), "Request-Id", List.of(error.getRequestId()))),
                "{\"error\":{}}"));
        error.setStripeError(body);
        return error;
    }

    @Test
    void requestErrorsAreNotRetried() {
        assertThat(StripeRetry.causeOf(new InvalidRequestException("bad", "currency", "req_1", "parameter_invalid", 400, null))).isNull();
        assertThat(StripeRetry.causeOf(new IdempotencyException("other params", "req_2", "idempotency_error", 400))).isNull();
        assertThat(StripeRetry.causeOf(new AuthenticationException("bad key", "req_3", null, 401))).isNull();
        assertThat(StripeRetry.causeOf(new CardException("declined", "req_4", "card_declined", null, "generic_decline", null, 402, null))).isNull();
    }

    @RepeatedTest(20)
    void backoffDoublesWithJitterAndIsCapped() {
        Duration first = Duration.ofMillis(500);
        assertThat(StripeRetry.backoff(first, 1, Duration.ofSeconds(30))).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(StripeRetry.backoff(first, 3, Duration.ofSeconds(30))).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
        assertThat(StripeRetry.backoff(first, 40, Duration.ofSeconds(30))).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
