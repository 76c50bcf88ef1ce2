package org.checkoutpipeline.checkout.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
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
