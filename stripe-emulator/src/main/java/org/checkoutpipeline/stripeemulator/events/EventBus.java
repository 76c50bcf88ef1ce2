package org.checkoutpipeline.stripeemulator.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.checkoutpipeline.stripeemulator.store.Ids;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path every event takes: it is stored (so {@code GET /v1/events} sees it) and then
 * handed to each registered {@link EventListener}. A listener that throws is logged and does not
 * affect the others or the request that caused the event.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final ObjectIndex<StripeEvent> events;
    private final Ids ids;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public EventBus(ObjectIndex<StripeEvent> events, Ids ids) {
        this.events = events;
        this.ids = ids;
    }

    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Records an event of {@code type} about {@code snapshot} and notifies the listeners. */
    public StripeEvent publish(String type, long created, Object snapshot, RequestContext context) {
        var event = new StripeEvent(ids.next("evt_"), type, created, snapshot,
                context == null ? null : context.requestId(),
                context == null ? null : context.idempotencyKey());
        events.insert(event.id(), event);
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener {} failed on {} {}", listener, event.type(), event.id(), e);
            }
        }
        return event;
    }

    /** The API request an event came from, for the event's {@code request} field. */
    public record RequestContext(String requestId, String idempotencyKey) {}
}
