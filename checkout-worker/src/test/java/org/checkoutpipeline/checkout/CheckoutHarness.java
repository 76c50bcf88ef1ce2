package org.checkoutpipeline.checkout;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionListParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;

/**
 * A real broker (fresh per harness, so the worker sees only this test's orders), the Stripe
 * emulator over HTTP, and helpers to publish orders and read what the worker published.
 */
final class CheckoutHarness implements AutoCloseable {

    static final String API_KEY = "sk_test_checkout_worker_tests";

    final EmbeddedKafkaBroker broker;
    final StripeEmulator emulator;
    final StripeClient stripe;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<CheckoutWorker> workers = new ArrayList<>();
    private final EventCodec codec = EventCodec.standard();

    CheckoutHarness() {
        broker = EmbeddedKafkaBroker.builder().brokerProperty("num.partitions", "4").build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).create(Topics.all(), 4, (short) 1);
        }
        emulator = StripeEmulator.builder().port(0).build().start();
        stripe = StripeClient.builder().setApiKey(API_KEY).setApiBase(emulator.baseUrl()).build();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    CheckoutWorkerConfig.Builder config() {
        return CheckoutWorkerConfig.builder(KafkaSettings.of(broker.bootstrapServers()), API_KEY, URI.create(emulator.baseUrl()))
                .rateLimitPerSecond(10_000)
                .firstBackoff(Duration.ofMillis(20))
                .commitInterval(Duration.ofMillis(50));
    }

    CheckoutWorker startWorker(UnaryOperator<CheckoutWorkerConfig.Builder> customise) {
        CheckoutWorker worker = new CheckoutWorker(customise.apply(config()).build(), Clock.systemUTC(), new SimpleMeterRegistry());
        workers.add(worker);
        return worker.start();
    }

    CheckoutWorker startWorker() {
        return startWorker(UnaryOperator.identity());
    }

    void publish(OrderPlaced... orders) {
        for (OrderPlaced order : orders) {
            publishRaw(order.getOrderId(), codec.encode(order));
        }
        producer.flush();
    }

    void publishRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.ORDERS_PLACED.name(), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** Every checkout event committed so far, read_committed, decoded. */
    List<SpecificRecord> checkoutEvents() {
        List<SpecificRecord> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.CHECKOUT_EVENTS.name())) {
            events.add(codec.decode(record.value()));
        }
        return events;
    }

    /** Waits until at least {@code count} checkout events are committed, then returns all of them. */
    List<SpecificRecord> awaitCheckoutEvents(int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(this::checkoutEvents, events -> events.size() >= count);
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return TopicContents.readCommitted(broker.bootstrapServers(), topic);
    }

    /** Every session the emulator holds, by client_reference_id, listed with stripe-java. */
    Map<String, List<Session>> sessionsByOrder() throws StripeException {
        Map<String, List<Session>> byOrder = new HashMap<>();
        for (Session session : stripe.v1().checkout().sessions()
                .list(SessionListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
            byOrder.computeIfAbsent(session.getClientReferenceId(), id -> new ArrayList<>()).add(session);
        }
        return byOrder;
    }

    @Override
    public void close() {
        workers.forEach(worker -> {
            if (worker.isRunning()) {
                worker.abandon();
            }
        });
        producer.close();
        emulator.close();
        broker.close();
    }
}
