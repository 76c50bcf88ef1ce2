package org.checkoutpipeline.bridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * Where reconciliation got to, kept in the compacted {@code webhook-bridge.checkpoints} topic
 * (key: the Stripe account's name, value: epoch seconds), so every bridge instance and every
 * restart continues from the same point.
 */
public final class CheckpointStore implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final String key;
    private final KafkaProducer<String, String> producer;

    public CheckpointStore(KafkaSettings kafka, String key) {
        this.kafka = kafka;
        this.key = key;
        this.producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                new StringSerializer(), new StringSerializer());
    }

    /** The latest checkpoint, read from the start of the topic. */
    public Optional<Instant> load() {
        TopicPartition partition = new TopicPartition(Topics.WEBHOOK_BRIDGE_CHECKPOINTS.name(), 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            Instant latest = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && record.value() != null) {
                        latest = Instant.ofEpochSecond(Long.parseLong(record.value()));
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    public void save(Instant checkpoint) {
        try {
            producer.send(new ProducerRecord<>(Topics.WEBHOOK_BRIDGE_CHECKPOINTS.name(), 0, key,
                    String.valueOf(checkpoint.getEpochSecond()))).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not save the reconciliation checkpoint " + checkpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted saving the reconciliation checkpoint", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
