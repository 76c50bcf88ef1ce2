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
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.fulfillment.state.EventFacts;
import org.checkoutpipeline.runtime.Env;
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

    /**
     * The settings of a worker on a test broker: application {@code fulfillment-<prefix>}, the
     * topics prefixed with {@code <prefix>.}, the HTTP server on a free port of 127.0.0.1, and
     * {@code variables} on top.
     */
    static FulfillmentConfig workerConfig(String bootstrapServers, String prefix, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "FULFILLMENT_APPLICATION_ID", "fulfillment-" + prefix,
                "FULFILLMENT_HTTP_PORT", "0",
                "FULFILLMENT_HTTP_HOST", "127.0.0.1",
                "FULFILLMENT_ADVERTISED_HOST", "127.0.0.1",
                "FULFILLMENT_STATUS_TRUSTED_NETWORK", "true"));
        env.putAll(variables);
        return FulfillmentConfig.fromEnv(new Env(env)).withTopics(FulfillmentTopics.prefixed(prefix + "."));
    }

    /** Publishes orders {@code from} (inclusive) to {@code to} (exclusive), each keyed by its order id. */
    static void publish(String bootstrapServers, FulfillmentTopics topics, String prefix, int from, int to) {
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.addAll(eventsOf(orderId(prefix, i), Kind.of(i)));
        }
        publish(bootstrapServers, topics, events);
    }

    /** Publishes {@code events} in order, each to its topic and keyed by its order id. */
    static void publish(String bootstrapServers, FulfillmentTopics topics, List<SpecificRecord> events) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(),
                new EventSerializer<>())) {
            for (SpecificRecord event : events) {
                producer.send(new ProducerRecord<>(TestEvents.topicOf(topics, event), EventFacts.orderIdOf(event), event));
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
