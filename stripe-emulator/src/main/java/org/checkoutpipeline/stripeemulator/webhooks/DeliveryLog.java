package org.checkoutpipeline.stripeemulator.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** The most recent delivery attempts, bounded: the oldest are dropped first. */
public final class DeliveryLog {

    private final ArrayDeque<DeliveryAttempt> attempts = new ArrayDeque<>();
    private final int capacity;

    public DeliveryLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("delivery log capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(DeliveryAttempt attempt) {
        if (attempts.size() == capacity) {
            attempts.removeFirst();
        }
        attempts.addLast(attempt);
    }

    /** Up to {@code limit} attempts matching {@code filter}, newest first. */
    public synchronized List<DeliveryAttempt> newestFirst(Predicate<DeliveryAttempt> filter, int limit) {
        var out = new ArrayList<DeliveryAttempt>(Math.min(limit, attempts.size()));
        for (Iterator<DeliveryAttempt> it = attempts.descendingIterator(); it.hasNext()
                && out.size() < limit; ) {
            DeliveryAttempt attempt = it.next();
            if (filter.test(attempt)) {
                out.add(attempt);
            }
        }
        return out;
    }

    public synchronized int size() {
        return attempts.size();
    }
}
