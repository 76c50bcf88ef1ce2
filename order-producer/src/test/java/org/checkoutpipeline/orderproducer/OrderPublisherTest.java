package org.checkoutpipeline.orderproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventHeaders;
import org.checkoutpipeline.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.checkoutpipeline.schemas.order.InvalidOrderException;

@ExtendWith(EmbeddedKafkaExtension.class)
class OrderPublisherTest {

    private static PipelineUnderTest pipeline;
    private static OrderPublisher publisher;
    private static String bootstrap;

    @BeforeAll
    static void start(KafkaCluster kafka) {
        bootstrap = kafka.bootstrapServers();
        pipeline = new PipelineUnderTest(bootstrap);
        publisher = OrderPublisher.create(KafkaSettings.of(bootstrap));
    }

    @AfterAll
    static void stop() {
        publisher.close();
        pipeline.close();
    }

    @Test
    void aPublishedOrderIsOnOrdersPlacedKeyedByItsIdWithItsEventTypeHeader() {
        String orderId = TestOrders.uniqueId("published");

        PublishedOrder published = publisher.publish(TestOrders.order(orderId, 2000).build()).join();

        assertThat(published.topic()).isEqualTo(Topics.ORDERS_PLACED.name());
        ConsumerRecord<byte[], byte[]> record = TopicContents.readCommitted(bootstrap, Topics.ORDERS_PLACED.name()).stream()
                .filter(r -> new String(r.key()).equals(orderId)).findFirst().orElseThrow();
        assertThat(record.partition()).isEqualTo(published.partition());
        assertThat(record.offset()).isEqualTo(published.offset());
        assertThat(EventHeaders.eventType(record.headers())).contains("OrderPlaced");
        assertThat(EventCodec.standard().decode(record.value(), OrderPlaced.class).getOrderId()).isEqualTo(orderId);
    }

    @Test
    void anInvalidOrderIsRefusedBeforeSendingWithAnErrorNamingTheFieldAndValue() {
        String orderId = TestOrders.uniqueId("invalid");

        assertThatThrownBy(() -> publisher.publish(TestOrders.order(orderId, 2000).setCurrency("USD").build()))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("currency").hasMessageContaining("'USD'")
                .satisfies(e -> {
                    assertThat(((InvalidOrderException) e).field()).isEqualTo("currency");
                    assertThat(((InvalidOrderException) e).value()).isEqualTo("USD");
                });
        assertThatThrownBy(() -> publisher.publish(TestOrders.order(orderId, -5).build()))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("lineItems[0].unitAmount").hasMessageContaining("-5");

        publisher.flush();
        assertThat(TopicContents.readCommitted(bootstrap, Topics.ORDERS_PLACED.name()))
                .noneMatch(record -> new String(record.key()).equals(orderId));
    }

    @Test
    void concurrentRequestsEachGetTheirOwnOrdersPaymentPage() {
        ExecutorService requests = Executors.newFixedThreadPool(32);
        try {
            List<String> orderIds = new ArrayList<>();
            List<CompletableFuture<CheckoutOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String orderId = TestOrders.uniqueId("concurrent");
                orderIds.add(orderId);
                outcomes.add(CompletableFuture.supplyAsync(() -> publisher
                        .publishAndAwaitCheckout(TestOrders.order(orderId, 1000).build(), Duration.ofSeconds(60)).join(), requests));
            }

            List<CheckoutOutcome> results = outcomes.stream().map(CompletableFuture::join).toList();

            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i)).isInstanceOf(CheckoutOutcome.Created.class);
                CheckoutOutcome.Created created = (CheckoutOutcome.Created) results.get(i);
                assertThat(created.orderId()).isEqualTo(orderIds.get(i));
                assertThat(created.url()).isEqualTo(pipeline.emulator.pageUrl(created.sessionId()));
                assertThat(pipeline.emulator.sessions().retrieve(created.sessionId()).clientReferenceId())
                        .isEqualTo(orderIds.get(i));
            }
            Set<String> urls = results.stream().map(outcome -> ((CheckoutOutcome.Created) outcome).url())
                    .collect(Collectors.toSet());
            assertThat(urls).hasSize(200);
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void anOrderStripeRefusesGivesItsCheckoutFailedWithTheReason() {
        String orderId = TestOrders.uniqueId("too-small");

        CheckoutOutcome outcome = publisher.publishAndAwaitCheckout(TestOrders.order(orderId, 10).build(),
                Duration.ofSeconds(30)).join();

        assertThat(outcome).isInstanceOf(CheckoutOutcome.Failed.class);
        CheckoutOutcome.Failed failed = (CheckoutOutcome.Failed) outcome;
        assertThat(failed.reason()).isEqualTo("STRIPE_REJECTED");
        assertThat(failed.detail()).isNotBlank();
    }

    @Test
    void anOutcomeThatArrivedBeforeTheCallerAskedIsStillReturned() {
        String orderId = TestOrders.uniqueId("early");
        publisher.publish(TestOrders.order(orderId, 1500).build()).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicContents.readCommitted(bootstrap, Topics.CHECKOUT_EVENTS.name())
                .stream().anyMatch(record -> new String(record.key()).equals(orderId)));

        CheckoutOutcome outcome = publisher.awaitCheckout(orderId, Duration.ofSeconds(5)).join();

        assertThat(outcome.orderId()).isEqualTo(orderId);
        assertThat(outcome).isInstanceOf(CheckoutOutcome.Created.class);
    }

    @Test
    void awaitingAnOrderThatNeverGetsACheckoutTimesOutNamingTheOrder() {
        long start = System.nanoTime();

        CompletableFuture<CheckoutOutcome> outcome = publisher.awaitCheckout("never-published", Duration.ofMillis(300));

        assertThatThrownBy(outcome::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CheckoutTimeoutException.class)
                .hasMessageContaining("never-published");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPublisherWithoutTheCheckoutWatchSaysAwaitingIsUnavailable() {
        try (OrderPublisher batch = new OrderPublisher(OrderPublisherConfig.of(KafkaSettings.of(bootstrap)).withoutCheckoutWatch())) {
            assertThatThrownBy(() -> batch.awaitCheckout("any", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("withoutCheckoutWatch");
        }
    }
}
