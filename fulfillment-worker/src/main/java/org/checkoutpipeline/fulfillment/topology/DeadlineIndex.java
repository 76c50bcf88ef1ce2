package org.checkoutpipeline.fulfillment.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A store of (time, orderId) pairs sorted by time, so the periodic check of time-based rules reads
 * only the orders that are due instead of scanning every order. Keys are the 8-byte big-endian
 * epoch milliseconds followed by the UTF-8 order id; both RocksDB and in-memory stores order such
 * keys by time.
 */
final class DeadlineIndex {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    record Due(String orderId, Instant at) {
    }

    /** Replaces the order's entry at {@code from} by one at {@code to}; either may be null. */
    void move(String orderId, Instant from, Instant to) {
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            store.delete(key(from.toEpochMilli(), orderId));
        }
        if (to != null) {
            store.put(key(to.toEpochMilli(), orderId), NOTHING);
        }
    }

    /** Every entry at or before {@code now}, earliest first. */
    List<Due> dueBy(Instant now) {
        List<Due> due = new ArrayList<>();
        Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(0).array());
        Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now.toEpochMilli() + 1).array());
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(from, to)) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                if (key.remaining() <= Long.BYTES) {
                    continue;
                }
                long at = key.getLong();
                if (at > now.toEpochMilli()) {
                    break;
                }
                due.add(new Due(StandardCharsets.UTF_8.decode(key).toString(), Instant.ofEpochMilli(at)));
            }
        }
        return due;
    }

    void remove(Due due) {
        store.delete(key(due.at().toEpochMilli(), due.orderId()));
    }

    private static Bytes key(long epochMillis, String orderId) {
        byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(epochMillis).put(id).array());
    }
}
