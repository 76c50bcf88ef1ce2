package org.checkoutpipeline.checkout.processing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of one partition that were consumed but not yet committed, in offset order.
 *
 * <p>Records finish out of order (different orders take different time at Stripe), but an
 * output may only be published in the transaction that also commits its input's offset, or a
 * crash could publish it twice. So only the contiguous run of finished records at the head is
 * committable: {@link #drainCommittable()} hands it out and advances the commit position.
 * Not thread-safe: owned by the poll thread.
 */
final class PartitionProgress {

    private final TreeMap<Long, OrderOutputs> pending = new TreeMap<>();
    private static final OrderOutputs RUNNING = new OrderOutputs(List.of(), null);

    void started(long offset) {
        pending.put(offset, RUNNING);
    }

    void finished(long offset, OrderOutputs result) {
        if (pending.containsKey(offset)) {
            pending.put(offset, result);
        }
    }

    int size() {
        return pending.size();
    }

    boolean hasCommittable() {
        return !pending.isEmpty() && pending.firstEntry().getValue() != RUNNING && pending.firstEntry().getValue().fatal() == null;
    }

    /**
     * Removes and returns the finished head, in offset order, stopping at the first record still
     * running or that stopped the worker.
     */
    Committable drainCommittable() {
        List<OrderOutputs> results = new ArrayList<>();
        long nextOffset = -1;
        Iterator<Map.Entry<Long, OrderOutputs>> head = pending.entrySet().iterator();
        while (head.hasNext()) {
            Map.Entry<Long, OrderOutputs> entry = head.next();
            if (entry.getValue() == RUNNING || entry.getValue().fatal() != null) {
                break;
            }
            results.add(entry.getValue());
            nextOffset = entry.getKey() + 1;
            head.remove();
        }
        return new Committable(results, nextOffset);
    }

    /**
     * The finished head of a partition.
     *
     * @param nextOffset the offset to commit (one past the last result), or -1 when there is none
     */
    record Committable(List<OrderOutputs> results, long nextOffset) {
    }
}
