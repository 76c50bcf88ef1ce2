package org.checkoutpipeline.fulfillment.state;

import java.time.Instant;
import java.util.Comparator;

/** One input event in an order's history. */
public record TimelineItem(String eventType, String eventId, Instant occurredAt) {

    /** By event time, then id: the same order whatever order the events arrived in. */
    static final Comparator<TimelineItem> CHRONOLOGICAL =
            Comparator.comparing(TimelineItem::occurredAt).thenComparing(TimelineItem::eventId);
}
