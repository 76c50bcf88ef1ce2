package org.checkoutpipeline.allinone.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * Follows the demo's orders as a downstream consumer would: {@code checkout.events} and
 * {@code fulfillment.events} with {@code read_committed}, from their ends at start-up, counting
 * sessions, completions and every fulfilment decision per order (so a duplicate would show).
 */
final class DemoTracker implements AutoCloseable {

    /** One fulfilment decision as read from {@code fulfillment.events}. */
    record Decision(String type, String cancellationReason, Instant occurredAt, Purchase purchase) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = EventCodec.standard();
    private final String orderPrefix;
    private final Map<String, List<Decision>> decisions = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger checkoutFailures = new AtomicInteger();
    private final AtomicInteger fulfilled = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    DemoTracker(KafkaSettings kafka, String orderPrefix) {
        this.orderPrefix = orderPrefix;
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "checkout-pipeline-demo-tracker")),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CHECKOUT_EVENTS.name(), Topics.FULFILLMENT_EVENTS.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        this.thread = new Thread(this::run, "demo-tracker");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.key().startsWith(orderPrefix) && record.value() != null) {
                        handle(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = codec.decode(record.value());
        } catch (EventDecodingException e) {
            return;
        }
        if (event instanceof CheckoutCreated) {
            sessions.incrementAndGet();
        } else if (event instanceof CheckoutCompleted) {
            completions.incrementAndGet();
        } else if (event instanceof CheckoutFailed) {
            checkoutFailures.incrementAndGet();
        } else if (event instanceof FulfillmentRequested requested) {
            fulfilled.incrementAndGet();
            decide(requested.getOrderId(), new Decision("FulfillmentRequested", null, requested.getOccurredAt(),
                    requested.getPurchase()));
        } else if (event instanceof OrderCancelled cancellation) {
            cancelled.incrementAndGet();
            decide(cancellation.getOrderId(), new Decision("OrderCancelled", cancellation.getReason().name(),
                    cancellation.getOccurredAt(), null));
        }
    }

    private void decide(String orderId, Decision decision) {
        decisions.computeIfAbsent(orderId, id -> java.util.Collections.synchronizedList(new ArrayList<>())).add(decision);
    }

    int sessions() {
        return sessions.get();
    }

    int completions() {
        return completions.get();
    }

    int checkoutFailures() {
        return checkoutFailures.get();
    }

    int fulfilled() {
        return fulfilled.get();
    }

    int cancelled() {
        return cancelled.get();
    }

    /** Orders with at least one decision. */
    int decided() {
        return decisions.size();
    }

    List<Decision> decisionsOf(String orderId) {
        List<Decision> list = decisions.get(orderId);
        return list == null ? List.of() : List.copyOf(list);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
