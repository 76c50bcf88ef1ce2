package org.checkoutpipeline.checkout.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.runtime.AdaptiveRateLimiter;
import org.checkoutpipeline.runtime.StripeRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an order's Checkout Session, retrying what Stripe says may succeed later, within a
 * time budget and a client-side rate limit. Thread-safe: many orders are in flight at once.
 */
public final class StripeCheckout {

    private static final Logger log = LoggerFactory.getLogger(StripeCheckout.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final StripeClient stripe;
    private final SessionRequests requests;
    private final AdaptiveRateLimiter rateLimiter;
    private final Duration retryBudget;
    private final Duration firstBackoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Timer latency;
    private final MeterRegistry metrics;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Waits between attempts; tests substitute one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public StripeCheckout(StripeClient stripe, SessionRequests requests, AdaptiveRateLimiter rateLimiter,
                          Duration retryBudget, Duration firstBackoff, Clock clock, Sleeper sleeper,
                          MeterRegistry metrics) {
        this.stripe = stripe;
        this.requests = requests;
        this.rateLimiter = rateLimiter;
        this.retryBudget = retryBudget;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.latency = Timer.builder("stripe_request")
                .description("Latency of one Stripe create-session call, whatever its outcome")
                .publishPercentileHistogram()
                .register(metrics);
        metrics.gauge("stripe_calls_in_flight", inFlight);
        for (StripeRetry.Cause cause : StripeRetry.Cause.values()) {
            retries(cause);   // exported at zero from the start
        }
    }

    private Counter retries(StripeRetry.Cause cause) {
        return Counter.builder("stripe_retries").tag("cause", cause.name().toLowerCase(java.util.Locale.ROOT))
                .description("Stripe calls retried, by cause").register(metrics);
    }

    /**
     * Creates the session for a valid order; returns when it exists, when Stripe rejected it, or
     * when the retry budget is spent.
     *
     * @throws InterruptedException when the worker is stopping; the order stays uncommitted and is redelivered
     */
    public SessionOutcome create(OrderPlaced order) throws InterruptedException {
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(SessionRequests.idempotencyKey(order.getOrderId()))
                .build();
        var params = requests.paramsFor(order);
        Instant deadline = clock.instant().plus(retryBudget);
        for (int attempt = 1; ; attempt++) {
            rateLimiter.acquire();
            StripeException error;
            inFlight.incrementAndGet();
            long started = System.nanoTime();
            try {
                Session session = stripe.v1().checkout().sessions().create(params, options);
                return new SessionOutcome.Created(session, attempt);
            } catch (StripeException e) {
                error = e;
            } finally {
                latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                inFlight.decrementAndGet();
            }
            StripeRetry.Cause cause = StripeRetry.causeOf(error);
            if (cause == null) {
                return finalOutcome(error, attempt);
            }
            if (cause == StripeRetry.Cause.RATE_LIMITED) {
                rateLimiter.slowDown();
            }
            Duration backoff = StripeRetry.backoff(firstBackoff, attempt, MAX_BACKOFF);
            if (clock.instant().plus(backoff).isAfter(deadline)) {
                return new SessionOutcome.Failed(CheckoutFailureReason.STRIPE_UNAVAILABLE,
                        "Stripe still failing after " + attempt + " attempts over the " + retryBudget
                                + " retry budget; last error: " + describe(error),
                        param(error), error.getCode(), error.getRequestId(), attempt);
            }
            retries(cause).increment();
            log.debug("Order {}: attempt {} failed ({}), retrying in {}", order.getOrderId(), attempt, describe(error), backoff);
            sleeper.sleep(backoff);
        }
    }

    private static SessionOutcome finalOutcome(StripeException error, int attempts) {
        if (error instanceof AuthenticationException) {
            return new SessionOutcome.Unauthorized("Stripe refused the API key (HTTP " + error.getStatusCode() + "): "
                    + describe(error));
        }
        CheckoutFailureReason reason = error instanceof IdempotencyException
                ? CheckoutFailureReason.IDEMPOTENCY_CONFLICT
                : CheckoutFailureReason.STRIPE_REJECTED;
        String detail = reason == CheckoutFailureReason.IDEMPOTENCY_CONFLICT
                ? "The order was already sent to Stripe with different content (same orderId, other parameters): "
                        + describe(error)
                : "Stripe rejected the session (HTTP " + error.getStatusCode() + "): " + describe(error);
        return new SessionOutcome.Failed(reason, detail, param(error), error.getCode(), error.getRequestId(), attempts);
    }

    private static String param(StripeException error) {
        return error.getStripeError() == null ? null : error.getStripeError().getParam();
    }

    private static String describe(StripeException error) {
        String message = error.getStripeError() != null && error.getStripeError().getMessage() != null
                ? error.getStripeError().getMessage()
                : error.getMessage();
        String param = param(error);
        return (error.getCode() == null ? "" : "[" + error.getCode() + "] ")
                + (param == null ? "" : "param " + param + ": ")
                + message;
    }
}
