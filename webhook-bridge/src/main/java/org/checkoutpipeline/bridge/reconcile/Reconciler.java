package org.checkoutpipeline.bridge.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.param.EventListParams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutpipeline.bridge.WebhookEvents;
import org.checkoutpipeline.bridge.mapping.EventMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what Stripe's webhook retries do not: an endpoint down for days, a wrong secret
 * deployed, deliveries dropped. It lists the Checkout events Stripe recorded since the last
 * checkpoint ({@code GET /v1/events}) and publishes each one that no bridge instance has published
 * ({@link PublishedEvents}: what {@code checkout.events} holds since then), exactly as if its webhook
 * had arrived; then it moves the checkpoint to the start of the run. Events younger than the delivery
 * grace are left to their webhook, still on its way, for the next run: reconciling them would publish
 * them before their webhook arrives and report as lost what was only in flight. Consumers still tolerate an
 * event published twice (two webhooks of one event at the same moment at two instances).
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final StripeClient stripe;
    private final WebhookEvents events;
    private final CheckpointStore checkpoints;
    private final PublishedEvents published;
    private final Duration firstLookBack;
    private final Duration overlap;
    private final Duration deliveryGrace;
    private final Clock clock;
    private final Counter reconciled;

    /**
     * @param firstLookBack how far back the very first run looks, with no checkpoint yet
     * @param overlap       how far before the checkpoint each run starts, for events recorded late
     * @param deliveryGrace how old an event must be before its webhook counts as missing
     */
    public Reconciler(StripeClient stripe, WebhookEvents events, CheckpointStore checkpoints, PublishedEvents published,
                      Duration firstLookBack, Duration overlap, Duration deliveryGrace, Clock clock, MeterRegistry metrics) {
        this.deliveryGrace = deliveryGrace;
        this.published = published;
        this.stripe = stripe;
        this.events = events;
        this.checkpoints = checkpoints;
        this.firstLookBack = firstLookBack;
        this.overlap = overlap;
        this.clock = clock;
        this.reconciled = reconciledCounter(metrics);
    }

    /** The count of events reconciliation published; exported (at zero) by a bridge that does not reconcile too. */
    public static Counter reconciledCounter(MeterRegistry metrics) {
        return Counter.builder("webhooks_reconciled")
                .description("Events published by reconciliation because no bridge instance had published them").register(metrics);
    }

    /**
     * One pass.
     *
     * @return how many events it published
     * @throws StripeException when Stripe cannot be listed; the checkpoint stays where it was
     */
    public int reconcile() throws StripeException {
        Instant until = clock.instant().minus(deliveryGrace);
        Instant since = checkpoints.load().map(checkpoint -> checkpoint.minus(overlap))
                .orElse(until.minus(firstLookBack));
        EventListParams params = EventListParams.builder()
                .addAllType(EventMapper.HANDLED_TYPES)
                .setCreated(EventListParams.Created.builder().setGte(since.getEpochSecond())
                        .setLte(until.getEpochSecond()).build())
                .setLimit(100L)
                .build();
        Set<String> onTopic = published.since(since);
        int republished = 0;
        for (Event event : stripe.v1().events().list(params).autoPagingIterable()) {
            if (!onTopic.contains(event.getId()) && events.publishIfNew(event)) {
                republished++;
            }
        }
        checkpoints.save(until);
        reconciled.increment(republished);
        if (republished > 0) {
            log.warn("Reconciliation published {} Checkout events that no bridge instance had published (since {})",
                    republished, since);
        } else {
            log.debug("Reconciliation since {}: nothing missing ({} events on checkout.events)", since, onTopic.size());
        }
        return republished;
    }
}
