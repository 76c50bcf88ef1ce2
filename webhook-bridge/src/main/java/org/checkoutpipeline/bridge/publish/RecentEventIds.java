package org.checkoutpipeline.bridge.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the events published most recently, by this instance or (fed by
 * {@link PublishedEventsTail}) by any instance, before or after a restart, so a webhook Stripe
 * delivers again is not published again. Bounded: the oldest ids are forgotten first. Two
 * deliveries of one event at two instances at the same moment can still both publish it, so
 * consumers tolerate duplicates anyway.
 */
public final class RecentEventIds {

    private final Map<String, Boolean> ids;

    public RecentEventIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1. Got: " + capacity);
        }
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Claims an event id for publishing: true for the first caller, false while it is being
     * published or after it was, so two deliveries of one event arriving together publish it once.
     */
    public synchronized boolean claim(String eventId) {
        return ids.putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** Gives a claim back after publishing failed, so Stripe's next delivery can publish it. */
    public synchronized void release(String eventId) {
        if (ids.get(eventId) == Boolean.TRUE) {
            ids.remove(eventId);
        }
    }

    /** Records an event some instance published (seen on checkout.events): never released. */
    public synchronized void published(String eventId) {
        ids.put(eventId, Boolean.FALSE);
    }
}
