package org.checkoutpipeline.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;

/**
 * The one retry decision for calls to Stripe, shared by the checkout worker (creating sessions)
 * and the webhook bridge (reading them back). Needs stripe-java, which only those two modules bring.
 */
public final class StripeRetry {

    /** Why a call may be tried again; its lower-case name is the {@code cause} tag of retry metrics. */
    public enum Cause { RATE_LIMITED, CONFLICT, SERVER_ERROR, CONNECTION }

    private StripeRetry() {
    }

    /**
     * Whether Stripe may accept the same request later, and why; null when it would fail again.
     * Stripe's own answer comes first: a {@code Stripe-Should-Retry} response header of {@code true}
     * or {@code false} decides, as in stripe-java's retry logic. Without it, Stripe's guidance:
     * retry connection errors, 409 (another request with this idempotency key is still running),
     * 429 (too many requests) and 5xx; any other 4xx means the request itself is wrong.
     */
    public static Cause causeOf(StripeException error) {
        Cause byStatus = causeByStatus(error);
        return switch (shouldRetryHeader(error)) {
            case "true" -> byStatus == null ? Cause.SERVER_ERROR : byStatus;
            case "false" -> null;
            default -> byStatus;
        };
    }

    /**
     * Exponential backoff with jitter: {@code first}, 2 x first, 4 x first ... capped at
     * {@code max}, each randomised to 50-100 % so that retrying callers spread out.
     */
    public static Duration backoff(Duration first, int attempt, Duration max) {
        long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt - 1, 16));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static Cause causeByStatus(StripeException error) {
        if (error instanceof ApiConnectionException) {
            return Cause.CONNECTION;
        }
        if (error instanceof RateLimitException) {
            return Cause.RATE_LIMITED;
        }
        Integer status = error.getStatusCode();
        if (status == null) {
            return Cause.CONNECTION;
        }
        if (status == 409) {
            return Cause.CONFLICT;
        }
        if (status == 429) {
            return Cause.RATE_LIMITED;
        }
        return status >= 500 ? Cause.SERVER_ERROR : null;
    }

    /** The response's {@code Stripe-Should-Retry} header, lower case, or "" when there was none. */
    private static String shouldRetryHeader(StripeException error) {
        StripeError stripeError = error.getStripeError();
        if (stripeError == null || stripeError.getLastResponse() == null) {
            return "";
        }
        return stripeError.getLastResponse().headers().firstValue("Stripe-Should-Retry")
                .map(value -> value.trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
