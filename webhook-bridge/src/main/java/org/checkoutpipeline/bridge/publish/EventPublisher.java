package org.checkoutpipeline.bridge.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventSerializer;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * Publishes checkout events to {@code checkout.events} and waits until Kafka has them on every
 * in-sync replica ({@code acks=all}, idempotent producer), or gives up after a timeout. The webhook
 * is answered 2xx only when {@link #publish} returned normally, so Stripe keeps retrying anything
 * Kafka did not durably take.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final Duration timeout;
    private final Clock clock;
    private final Timer latency;
    private volatile long lastFailureMillis = -1;
    private volatile long lastSuccessMillis = -1;

    public EventPublisher(KafkaSettings kafka, Duration timeout, String clientId, Clock clock, MeterRegistry metrics) {
        this.timeout = timeout;
        this.clock = clock;
        int timeoutMillis = (int) Math.max(1_000, timeout.toMillis());
        this.producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Many webhooks wait at once: a few milliseconds of linger turn them into one request.
                ProducerConfig.LINGER_MS_CONFIG, 3,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(30_000, 2 * timeoutMillis + 1),
                ProducerConfig.CLIENT_ID_CONFIG, clientId)),
                new StringSerializer(), new EventSerializer<>());
        this.latency = Timer.builder("webhook_publish")
                .description("Time from handing an event to Kafka until it is acknowledged by all in-sync replicas")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /**
     * Publishes and waits for the acknowledgement.
     *
     * @throws PublishFailedException when Kafka did not acknowledge within the timeout, or refused the record
     */
    public void publish(String orderId, SpecificRecord event) throws PublishFailedException {
        long started = System.nanoTime();
        try {
            // One budget for both waits: send blocks (at most max.block.ms) while the broker is unknown,
            // then the acknowledgement gets what is left, so a 503 comes within the publish timeout.
            var sent = producer.send(new ProducerRecord<>(Topics.CHECKOUT_EVENTS.name(), orderId, event));
            long left = timeout.toNanos() - (System.nanoTime() - started);
            sent.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            lastSuccessMillis = clock.millis();
        } catch (TimeoutException e) {
            lastFailureMillis = clock.millis();
            throw new PublishFailedException("Kafka did not acknowledge within " + timeout, e);
        } catch (ExecutionException e) {
            lastFailureMillis = clock.millis();
            throw new PublishFailedException("Kafka refused the record: " + e.getCause(), e.getCause());
        } catch (KafkaException e) {
            lastFailureMillis = clock.millis();
            throw new PublishFailedException("Kafka producer failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for Kafka", e);
        } finally {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Healthy unless the latest publish attempt failed. */
    public boolean healthy() {
        return lastFailureMillis < 0 || lastSuccessMillis > lastFailureMillis;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Kafka did not durably take the event; the webhook must be answered 5xx so Stripe retries. */
    public static final class PublishFailedException extends Exception {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
