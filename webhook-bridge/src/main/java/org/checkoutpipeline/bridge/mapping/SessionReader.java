package org.checkoutpipeline.bridge.mapping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.LineItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionLineItemListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.checkoutpipeline.runtime.AdaptiveRateLimiter;
import org.checkoutpipeline.runtime.StripeRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Checkout Session back from Stripe with what its webhook does not carry, as Stripe's
 * fulfilment guide does: the PaymentIntent with its PaymentMethod, the Subscription, the chosen
 * shipping rate, and (on completion) every line item with its price and product: one
 * {@code GET /v1/checkout/sessions/{id}} with those expansions, plus a line item list only for a
 * session with more lines than the expanded first page.
 *
 * <p>Each read is bounded: it takes the shared rate limit, retries what Stripe says may succeed
 * later (429, 409, 5xx, a lost connection) with jittered backoff, and gives up when its time
 * budget is spent, so a webhook waits at most that long before it is published with what it
 * carried itself. Thread-safe.
 */
public final class SessionReader {

    private static final Logger log = LoggerFactory.getLogger(SessionReader.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** Stripe allows at most 100 line items on a session: one page. */
    private static final long LINE_ITEMS_PAGE = 100;

    private final StripeClient stripe;
    private final AdaptiveRateLimiter rateLimiter;
    private final Duration budget;
    private final Clock clock;
    private final Timer latency;
    private final Counter failures;

    /** What was read: the session with its expansions and, when asked for, its line items. */
    public record Read(Session session, List<LineItem> lineItems) {
    }

    public SessionReader(StripeClient stripe, AdaptiveRateLimiter rateLimiter, Duration budget, Clock clock,
                         MeterRegistry metrics) {
        this.stripe = stripe;
        this.rateLimiter = rateLimiter;
        this.budget = budget;
        this.clock = clock;
        this.latency = Timer.builder("stripe_session_read").publishPercentileHistogram()
                .description("Time to read a session back from Stripe, retries included, whatever the outcome")
                .register(metrics);
        this.failures = Counter.builder("stripe_session_read_failures")
                .description("Session reads given up within the budget; their events were published with the webhook's data only")
                .register(metrics);
    }

    public Duration budget() {
        return budget;
    }

    /**
     * @param withLineItems also list the session's line items (completions)
     * @return the read, or empty when Stripe did not answer within the budget or refused
     */
    public Optional<Read> read(String sessionId, boolean withLineItems) {
        long started = System.nanoTime();
        Instant deadline = clock.instant().plus(budget);
        try {
            SessionRetrieveParams.Builder params = SessionRetrieveParams.builder()
                    .addExpand("payment_intent.payment_method")
                    .addExpand("subscription")
                    .addExpand("shipping_cost.shipping_rate");
            if (withLineItems) {
                params.addExpand("line_items").addExpand("line_items.data.price.product");
            }
            Session session = attempt(sessionId, deadline,
                    options -> stripe.v1().checkout().sessions().retrieve(sessionId, params.build(), options));
            List<LineItem> items = List.of();
            if (withLineItems && session.getLineItems() != null) {
                // One call for the usual order; a session with more lines than the expanded first page lists them all.
                items = !Boolean.TRUE.equals(session.getLineItems().getHasMore()) ? session.getLineItems().getData()
                        : attempt(sessionId, deadline, options -> stripe.v1().checkout().sessions().lineItems().list(sessionId,
                                SessionLineItemListParams.builder().setLimit(LINE_ITEMS_PAGE).addExpand("data.price.product")
                                        .build(), options).getData());
            }
            return Optional.of(new Read(session, items));
        } catch (StripeException e) {
            failures.increment();
            log.warn("Could not read session {} back from Stripe within {}; publishing what the webhook carried: {}",
                    sessionId, budget, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
            return Optional.empty();
        } finally {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call(RequestOptions options) throws StripeException;
    }

    private <T> T attempt(String sessionId, Instant deadline, Call<T> call) throws StripeException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (!rateLimiter.tryAcquire(Duration.between(clock.instant(), deadline))) {
                throw new ApiConnectionException("No Stripe rate-limit slot free within the read budget");
            }
            // The connection and the answer share what is left of the budget.
            long left = Math.max(2, Duration.between(clock.instant(), deadline).toMillis());
            int connect = (int) Math.min(left / 2, Integer.MAX_VALUE);
            RequestOptions options = RequestOptions.builder().setMaxNetworkRetries(0)
                    .setConnectTimeout(connect)
                    .setReadTimeout((int) Math.min(left - connect, Integer.MAX_VALUE)).build();
            try {
                return call.call(options);
            } catch (StripeException e) {
                StripeRetry.Cause cause = StripeRetry.causeOf(e);
                if (cause == null) {
                    throw e;
                }
                if (cause == StripeRetry.Cause.RATE_LIMITED) {
                    rateLimiter.slowDown();
                }
                long backoff = StripeRetry.backoff(FIRST_BACKOFF, attempt, MAX_BACKOFF).toMillis();
                if (clock.instant().plusMillis(backoff).isAfter(deadline)) {
                    throw e;
                }
                log.debug("Reading session {}: attempt {} failed ({}), retrying in {} ms", sessionId, attempt,
                        e.getMessage(), backoff);
                Thread.sleep(backoff);
            }
        }
    }
}
