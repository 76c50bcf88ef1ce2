package org.checkoutpipeline.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.embeddedkafka.FreePorts;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;

/** A broker that can be stopped and started again, the Stripe emulator delivering signed webhooks, and bridges. */
final class BridgeHarness implements AutoCloseable {

    static final String SECRET = "whsec_bridge_tests_0123456789";
    static final String API_KEY = "sk_test_bridge_tests";

    final EmbeddedKafkaBroker broker;
    final StripeEmulator emulator;
    final StripeClient stripe;
    /** The bridge's port and the broker's two: fixed, so that each can be stopped and started again on it. */
    private final List<Integer> ports = FreePorts.distinct(3);
    final int bridgePort = ports.get(0);
    private final List<WebhookBridge> bridges = new ArrayList<>();

    BridgeHarness(RetrySchedule retries, double duplicateRate) throws Exception {
        broker = EmbeddedKafkaBroker.builder().port(ports.get(1)).controllerPort(ports.get(2)).build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).create(Topics.all(), 2, (short) 1);
        }
        emulator = StripeEmulator.builder().port(0)
                .webhookEndpoint("http://127.0.0.1:" + bridgePort + "/stripe/webhook", SECRET)
                .webhookRetrySchedule(retries)
                .webhookDuplicateRate(duplicateRate)
                .build().start();
        stripe = StripeClient.builder().setApiKey(API_KEY).setApiBase(emulator.baseUrl()).build();
    }

    WebhookBridgeConfig.Builder config() {
        return WebhookBridgeConfig.builder(KafkaSettings.of(broker.bootstrapServers()), List.of(SECRET))
                .httpPort(bridgePort)
                .httpThreads(8)
                .publishTimeout(Duration.ofSeconds(2))
                .shutdownGrace(Duration.ZERO);
    }

    WebhookBridge startBridge(WebhookBridgeConfig config) {
        WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        bridges.add(bridge);
        return bridge.start();
    }

    WebhookBridge startBridge() {
        return startBridge(config().build());
    }

    Session createSession(String orderId, SessionCreateParams.Mode mode) throws Exception {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(mode)
                .setSuccessUrl("https://shop.example/ok")
                .setCancelUrl("https://shop.example/cart")
                .setCustomerEmail("jane@example.com");
        if (orderId != null) {
            params.setClientReferenceId(orderId);
        }
        if (mode == SessionCreateParams.Mode.SETUP) {
            params.setCurrency("eur");
        } else {
            SessionCreateParams.LineItem.PriceData.Builder price = SessionCreateParams.LineItem.PriceData.builder()
                    .setCurrency("eur").setUnitAmount(2_500L)
                    .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Coffee").build());
            if (mode == SessionCreateParams.Mode.SUBSCRIPTION) {
                price.setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                        .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH).build());
            }
            params.addLineItem(SessionCreateParams.LineItem.builder().setQuantity(2L).setPriceData(price.build()).build());
        }
        return stripe.v1().checkout().sessions().create(params.build());
    }

    /** Every record on checkout.events, decoded. */
    List<SpecificRecord> published() {
        EventCodec codec = EventCodec.standard();
        return TopicContents.readCommitted(broker.bootstrapServers(), Topics.CHECKOUT_EVENTS.name()).stream()
                .map(record -> codec.decode(record.value())).toList();
    }

    @Override
    public void close() {
        bridges.forEach(WebhookBridge::close);
        emulator.close();
        broker.close();
    }
}
