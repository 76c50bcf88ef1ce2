package org.checkoutpipeline.bridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.stripe.model.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.checkoutpipeline.bridge.mapping.EventMapper;
import org.checkoutpipeline.bridge.publish.EventPublisher;
import org.checkoutpipeline.bridge.publish.EventPublisher.PublishFailedException;
import org.checkoutpipeline.bridge.publish.RecentEventIds;

/**
 * What the bridge does with a verified Stripe event, whether it came as a webhook or from
 * reconciliation: map it, skip it if this instance published it recently, publish it durably.
 */
public final class WebhookEvents {

    private final EventMapper mapper;
    private final EventPublisher publisher;
    private final RecentEventIds recent;
    private final MeterRegistry metrics;
    private final Counter duplicates;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Map<EventMapper.Ignored, Counter> ignored = new ConcurrentHashMap<>();

    public WebhookEvents(EventMapper mapper, EventPublisher publisher, RecentEventIds recent, MeterRegistry metrics) {
        this.mapper = mapper;
        this.publisher = publisher;
        this.recent = recent;
        this.metrics = metrics;
        this.duplicates = Counter.builder("webhooks_duplicates")
                .description("Events not published again because this instance had just published them").register(metrics);
        // Every type and reason exported at zero from the start.
        EventMapper.HANDLED_TYPES.forEach(this::publishedCounter);
        for (EventMapper.Ignored reason : EventMapper.Ignored.values()) {
            ignoredCounter(reason);
        }
    }

    private Counter publishedCounter(String type) {
        return published.computeIfAbsent(type, t -> Counter.builder("webhooks_published").tag("type", t)
                .description("Events published to checkout.events, by Stripe event type").register(metrics));
    }

    private Counter ignoredCounter(EventMapper.Ignored reason) {
        return ignored.computeIfAbsent(reason, r -> Counter.builder("webhooks_ignored")
                .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT))
                .description("Verified events answered 200 but not published").register(metrics));
    }

    /** What became of one event. */
    public enum Outcome { PUBLISHED, DUPLICATE, IGNORED }

    /**
     * @throws PublishFailedException when Kafka did not durably take it (the caller answers 503)
     */
    public Outcome handle(Event event) throws PublishFailedException {
        if (!EventMapper.HANDLED_TYPES.contains(event.getType())) {
            return ignored(EventMapper.Ignored.UNHANDLED_TYPE);
        }
        // Claimed before mapping, so a duplicate costs no read of the session from Stripe.
        if (!recent.claim(event.getId())) {
            duplicates.increment();
            return Outcome.DUPLICATE;
        }
        try {
            EventMapper.Mapped mapped = mapper.map(event);
            if (mapped.record() == null) {
                return ignored(mapped.ignored());
            }
            publisher.publish(mapped.orderId(), mapped.record());
        } catch (PublishFailedException | RuntimeException e) {
            recent.release(event.getId());
            throw e;
        }
        publishedCounter(event.getType()).increment();
        return Outcome.PUBLISHED;
    }

    private Outcome ignored(EventMapper.Ignored reason) {
        ignoredCounter(reason).increment();
        return Outcome.IGNORED;
    }

    /** For reconciliation: publishes unless already published here; a Kafka failure propagates as unchecked. */
    public boolean publishIfNew(Event event) {
        try {
            return handle(event) == Outcome.PUBLISHED;
        } catch (PublishFailedException e) {
            throw new IllegalStateException("Reconciliation could not publish " + event.getId() + ": " + e.getMessage(), e);
        }
    }
}
