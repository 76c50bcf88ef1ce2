package org.checkoutpipeline.bridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.checkoutpipeline.bridge.publish.PublishedEventsTail;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * Which Stripe events are on {@code checkout.events} already, whichever bridge instance published
 * them and whenever: the topic itself is the record. An event created at {@code since} or later can
 * only have been published at or after {@code since}, and a record's timestamp is when its bridge
 * published it, so reading each partition from the first offset at {@code since} finds them all.
 * A restarted bridge, or another instance, thus republishes in reconciliation only what no instance
 * published.
 */
public final class PublishedEvents {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublishedEvents.class);

    private final KafkaSettings kafka;
    private final EventCodec codec = EventCodec.standard();

    public PublishedEvents(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /** The ids of the Stripe events ({@code evt_...}) published on checkout.events at {@code since} or later. */
    public Set<String> since(Instant since) {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKOUT_EVENTS.name(), TIMEOUT).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> left = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                if (start != null && start.offset() < ends.get(partition)) {
                    consumer.seek(partition, start.offset());
                    left.put(partition, ends.get(partition));
                }
            }
            consumer.assign(left.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    // A long window (the first run, a long outage): what is unread is published again if listed,
                    // a duplicate consumers tolerate, rather than no reconciliation at all.
                    log.warn("Read {} ids of checkout.events since {} within {}; {} partitions not read to the end",
                            ids.size(), since, TIMEOUT, left.size());
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = eventId(record.value());
                    if (id != null) {
                        ids.add(id);
                    }
                }
                left.entrySet().removeIf(entry -> consumer.position(entry.getKey(), TIMEOUT) >= entry.getValue());
            }
        }
        return ids;
    }

    private String eventId(byte[] value) {
        return PublishedEventsTail.stripeEventId(codec, value);
    }
}
