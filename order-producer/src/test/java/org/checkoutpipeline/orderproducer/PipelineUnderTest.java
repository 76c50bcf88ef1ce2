package org.checkoutpipeline.orderproducer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.checkoutpipeline.checkout.CheckoutWorker;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;

/** The topics, the Stripe emulator and the real checkout worker answering orders on a shared broker. */
final class PipelineUnderTest implements AutoCloseable {

    final StripeEmulator emulator;
    final CheckoutWorker worker;

    PipelineUnderTest(String bootstrapServers) {
        createTopics(bootstrapServers);
        emulator = StripeEmulator.builder().port(0).build().start();
        worker = new CheckoutWorker(CheckoutWorkerConfig.builder(KafkaSettings.of(bootstrapServers), "sk_test_order_producer",
                        URI.create(emulator.baseUrl()))
                .groupId("order-producer-tests")
                .rateLimitPerSecond(10_000)
                .commitInterval(Duration.ofMillis(20))
                .build(), Clock.systemUTC(), new SimpleMeterRegistry()).start();
    }

    static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).create(Topics.all(), 4, (short) 1);
        }
    }

    @Override
    public void close() {
        worker.close();
        emulator.close();
    }
}
