package org.checkoutpipeline.checkout.stripe;

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
import org.checkoutpipeline.checkout.stripe.StripeCheckout.RetryCause;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StripeCheckoutTest {

    @Test
    void connectionErrors409s429sAnd5xxAreRetried() {
        assertThat(StripeCheckout.retryCause(new ApiConnectionException("reset"))).isEqualTo(RetryCause.CONNECTION);
        assertThat(StripeCheckout.retryCause(new RateLimitException("slow down", null, "req_1", "rate_limit", 429, null)))
                .isEqualTo(RetryCause.RATE_LIMITED);
        assertThat(StripeCheckout.retryCause(new ApiException("busy", "req_2", null, 409, null))).isEqualTo(RetryCause.CONFLICT);
        assertThat(StripeCheckout.retryCause(new ApiException("oops", "req_3", null, 500, null))).isEqualTo(RetryCause.SERVER_ERROR);
        assertThat(StripeCheckout.retryCause(new ApiException("bad gateway", "req_4", null, 502, null))).isEqualTo(RetryCause.SERVER_ERROR);
    }

    @Test
    void stripeShouldRetryHeaderDecidesBeforeTheStatus() {
        assertThat(StripeCheckout.retryCause(withShouldRetry(new ApiException("busy", "req_5", null, 500, null), "false")))
                .as("a 5xx Stripe says not to retry").isNull();
        assertThat(StripeCheckout.retryCause(withShouldRetry(
                new InvalidRequestException("lock timeout", null, "req_6", "lock_timeout", 400, null), "true")))
                .as("a 4xx Stripe says to retry").isEqualTo(RetryCause.SERVER_ERROR);
        assertThat(StripeCheckout.retryCause(withShouldRetry(new ApiException("busy", "req_7", null, 409, null), "true")))
                .isEqualTo(RetryCause.CONFLICT);
        assertThat(StripeCheckout.retryCause(withShouldRetry(new ApiException("oops", "req_8", null, 503, null), "maybe")))
                .as("an unknown value leaves the status to decide").isEqualTo(RetryCause.SERVER_ERROR);
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
        assertThat(StripeCheckout.retryCause(new InvalidRequestException("bad", "currency", "req_1", "parameter_invalid", 400, null))).isNull();
        assertThat(StripeCheckout.retryCause(new IdempotencyException("other params", "req_2", "idempotency_error", 400))).isNull();
        assertThat(StripeCheckout.retryCause(new AuthenticationException("bad key", "req_3", null, 401))).isNull();
        assertThat(StripeCheckout.retryCause(new CardException("declined", "req_4", "card_declined", null, "generic_decline", null, 402, null))).isNull();
    }

    @RepeatedTest(20)
    void backoffDoublesWithJitterAndIsCapped() {
        Duration first = Duration.ofMillis(500);
        assertThat(StripeCheckout.backoff(first, 1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(StripeCheckout.backoff(first, 3)).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
        assertThat(StripeCheckout.backoff(first, 40)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
