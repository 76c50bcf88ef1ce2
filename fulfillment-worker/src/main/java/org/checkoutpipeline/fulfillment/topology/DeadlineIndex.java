package org.checkoutpipeline.fulfillment.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The task's orders that are due for a time-based check, sorted by time, so the periodic check of
 * time-based rules reads only the orders that are due instead of scanning every order.
 *
 * <p>It lives in memory only: each order's {@code nextCheckAt} is part of its stored state, so the
 * index is derived data, rebuilt from the order store whenever the task is initialised (after a
 * restore, a rebalance or a restart). Keeping it out of Kafka saves a changelog record for every
 * change of an order's next check.
 */
final class DeadlineIndex {

    record Due(Instant at, String orderId) {
        private static final Comparator<Due> BY_TIME = Comparator.comparing(Due::at).thenComparing(Due::orderId);
    }

    private final NavigableSet<Due> entries = new TreeSet<>(Due.BY_TIME);

    /** Replaces the order's entry at {@code from} by one at {@code to}; either may be null. */
    void move(String orderId, Instant from, Instant to) {
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            entries.remove(new Due(from, orderId));
        }
        if (to != null) {
            entries.add(new Due(to, orderId));
        }
    }

    /** Every entry at or before {@code now}, earliest first. */
    List<Due> dueBy(Instant now) {
        List<Due> due = new ArrayList<>();
        for (Due entry : entries) {
            if (entry.at().isAfter(now)) {
                break;
            }
            due.add(entry);
        }
        return due;
    }

    void remove(Due due) {
        entries.remove(due);
    }
}
