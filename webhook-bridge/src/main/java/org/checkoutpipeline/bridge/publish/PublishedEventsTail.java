package org.checkoutpipeline.bridge.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.checkoutpipeline.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code checkout.events} and tells {@link RecentEventIds} every Stripe event any bridge
 * instance publishes, so the set of published ids is shared by all instances and survives a
 * restart: a webhook Stripe redelivers because the instance that published it died before answering,
 * or because it went to another instance, is answered 200 and not published again. At start-up it
 * reads the last {@code window} of the topic before the bridge takes webhooks.
 */
public final class PublishedEventsTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PublishedEventsTail.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecentEventIds recent;
    private final EventCodec codec = EventCodec.standard();
    private final Thread thread;
    private volatile boolean closed;

    public PublishedEventsTail(KafkaSettings kafka, RecentEventIds recent) {
        this.recent = recent;
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "webhook-bridge-published-tail")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::follow, "webhook-bridge-published-tail");
        thread.setDaemon(true);
    }

    /**
     * Reads what was published in the last {@code window}, then follows the topic in the background.
     *
     * @throws RuntimeException when Kafka does not answer or the topic does not exist; the tail is closed
     */
    public PublishedEventsTail start(Duration window, Clock clock) {
        try {
            return catchUp(window, clock);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private PublishedEventsTail catchUp(Duration window, Clock clock) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHECKOUT_EVENTS.name(), TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(Topics.CHECKOUT_EVENTS.name() + " does not exist yet");
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(partition -> since.put(partition, clock.instant().minus(window).toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
        }
        int read = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p)) && System.nanoTime() < deadline) {
            read += record(consumer.poll(Duration.ofMillis(200)));
        }
        log.info("Knows the {} events published on checkout.events in the last {}", read, window);
        thread.start();
        return this;
    }

    private void follow() {
        try {
            while (!closed) {
                record(consumer.poll(Duration.ofMillis(500)));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("Stopped following checkout.events; duplicates from other instances are no longer recognised: {}",
                    e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private int record(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String id = eventId(record.value());
            if (id != null) {
                recent.published(id);
                count++;
            }
        }
        return count;
    }

    private String eventId(byte[] value) {
        return stripeEventId(codec, value);
    }

    /** The Stripe event id ({@code evt_...}) a checkout.events record carries, or null for none or an unreadable record. */
    public static String stripeEventId(EventCodec codec, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            SpecificRecord event = codec.decode(value);
            Object id = event.get(event.getSchema().getField("eventId").pos());
            return id == null || !id.toString().startsWith("evt_") ? null : id.toString();
        } catch (EventDecodingException e) {
            return null; // not ours to judge here: the consumers' dead-letter handling reports it
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread.isAlive()) {
            consumer.wakeup();
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
