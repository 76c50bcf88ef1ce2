package org.checkoutpipeline.fulfillment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.schemas.serde.EventDeserializer;
import org.checkoutpipeline.schemas.serde.EventSerializer;

/** Writes whole orders to a real broker and reads the decisions back as a {@code read_committed} consumer would. */
final class OrderFlow {

    /** What an order's events should lead to. */
    enum Kind {
        PAID, ASYNC_PAID, ASYNC_FAILED, CHECKOUT_FAILED;

        static Kind of(int index) {
            return values()[index % values().length];
        }

        Class<? extends SpecificRecord> expectedDecision() {
            return this == PAID || this == ASYNC_PAID ? FulfillmentRequested.class : OrderCancelled.class;
        }
    }

    private OrderFlow() {
    }

    static String orderId(String prefix, int index) {
        return prefix + "-" + index;
    }

    static List<SpecificRecord> eventsOf(String orderId, Kind kind) {
        TestEvents events = new TestEvents(orderId, Instant.parse("2026-03-01T09:00:00Z"));
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        List<SpecificRecord> list = new ArrayList<>();
        list.add(events.placed(CheckoutMode.PAYMENT));
        switch (kind) {
            case PAID -> {
                list.add(events.created(CheckoutMode.PAYMENT, expiresAt));
                list.add(events.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID));
            }
            case ASYNC_PAID -> {
                list.add(events.created(CheckoutMode.PAYMENT, expiresAt));
                list.add(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID));
                list.add(events.asyncSucceeded());
            }
            case ASYNC_FAILED -> {
                list.add(events.created(CheckoutMode.PAYMENT, expiresAt));
                list.add(events.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID));
                list.add(events.asyncFailed());
            }
            case CHECKOUT_FAILED -> list.add(events.failed());
        }
        return list;
    }

    /** Publishes orders {@code from} (inclusive) to {@code to} (exclusive), each keyed by its order id. */
    static void publish(String bootstrapServers, FulfillmentTopics topics, String prefix, int from, int to) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                new EventSerializer<>())) {
            for (int i = from; i < to; i++) {
                String orderId = orderId(prefix, i);
                for (SpecificRecord event : eventsOf(orderId, Kind.of(i))) {
                    String topic = TestEvents.isOrder(event) ? topics.ordersPlaced() : topics.checkoutEvents();
                    producer.send(new ProducerRecord<>(topic, orderId, event));
                }
            }
            producer.flush();
        }
    }

    /** A consumer of every partition of {@code topic} from the beginning, reading only committed records. */
    static KafkaConsumer<String, SpecificRecord> readCommittedConsumer(String bootstrapServers, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, SpecificRecord> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), EventDeserializer.anyEvent());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Adds every record a poll returns to {@code into}; returns how many there are now. */
    static int pollInto(KafkaConsumer<String, SpecificRecord> consumer, List<ConsumerRecord<String, SpecificRecord>> into) {
        consumer.poll(Duration.ofMillis(200)).forEach(into::add);
        return into.size();
    }
}
