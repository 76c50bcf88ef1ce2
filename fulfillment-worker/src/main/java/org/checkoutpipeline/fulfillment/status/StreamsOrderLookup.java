package org.checkoutpipeline.fulfillment.status;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.fulfillment.topology.FulfillmentTopology;

/**
 * Looks orders up with Kafka Streams interactive queries: the key's metadata names the instance
 * whose active task owns the order's partition (from each instance's {@code application.server});
 * only that instance's store is read, so every answer is from the state that made the decisions.
 */
public final class StreamsOrderLookup implements OrderLookup {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    public StreamsOrderLookup(KafkaStreams streams, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
    }

    @Override
    public Result find(String orderId) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(FulfillmentTopology.ORDER_STORE, orderId, KEYS);
        } catch (RuntimeException e) {
            return new Unavailable("Kafka Streams is not running yet (" + streams.state() + ")");
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || HostInfo.unavailable().equals(metadata.activeHost())) {
            return new Unavailable("the order's partition has no active owner yet (state " + streams.state() + ")");
        }
        if (!self.equals(metadata.activeHost())) {
            return new Elsewhere(metadata.activeHost());
        }
        try {
            ReadOnlyKeyValueStore<String, OrderFacts> store = streams.store(StoreQueryParameters
                    .fromNameAndType(FulfillmentTopology.ORDER_STORE, QueryableStoreTypes.<String, OrderFacts>keyValueStore())
                    .withPartition(metadata.partition()));
            OrderFacts order = store.get(orderId);
            return order == null ? new NotFound() : new Found(order);
        } catch (InvalidStateStoreException e) {
            return new Unavailable("partition " + metadata.partition() + " of the order state is migrating: " + e.getMessage());
        }
    }
}
