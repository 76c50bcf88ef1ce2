package org.checkoutpipeline.orderproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(EmbeddedKafkaExtension.class)
class OrderProducerCliTest {

    private static String bootstrap;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void topics(KafkaCluster kafka) {
        bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            new TopicCreator(admin, java.time.Duration.ofSeconds(30)).create(Topics.all(), 4, (short) 1);
        }
    }

    private int run(String... args) {
        CommandLine commandLine = OrderProducerCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withKafka = new String[args.length + 2];
        System.arraycopy(args, 0, withKafka, 0, args.length);
        withKafka[args.length] = "--bootstrap-servers";
        withKafka[args.length + 1] = bootstrap;
        return commandLine.execute(withKafka);
    }

    private static Map<String, OrderPlaced> ordersOnTopic(String prefix) {
        EventCodec codec = EventCodec.standard();
        return TopicContents.readCommitted(bootstrap, Topics.ORDERS_PLACED.name()).stream()
                .filter(record -> new String(record.key()).startsWith(prefix))
                .map(record -> codec.decode(record.value(), OrderPlaced.class))
                .collect(Collectors.toMap(OrderPlaced::getOrderId, order -> order, (a, b) -> b));
    }

    @Test
    void publishSendsEveryOrderOfTheDocumentedExampleFile() {
        int exit = run("publish", "examples/orders.jsonl");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Published 4 orders to orders.placed");
        Map<String, OrderPlaced> orders = ordersOnTopic("ord_100");
        assertThat(orders).containsKeys("ord_1001", "ord_1002", "ord_1003", "ord_1004");
        assertThat(orders.get("ord_1002").getMode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
        assertThat(orders.get("ord_1002").getLineItems().get(0).getRecurring().getIntervalCount()).isEqualTo(1);
        assertThat(orders.get("ord_1003").getPlacedAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(orders.get("ord_1001").getLineItems()).hasSize(2);
    }

    @Test
    void invalidLinesAreReportedWithTheirLineNumberAndReasonAndNothingIsPublished(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"orderId\": \"bad-lines-1\", \"mode\": \"payment\", \"currency\": \"usd\", \"lineItems\": "
                        + "[{\"name\": \"Mug\", \"unitAmount\": 900, \"quantity\": 1}], \"successUrl\": \"https://s.example/ok\", "
                        + "\"cancelUrl\": \"https://s.example/cart\"}",
                "",
                "{\"orderId\": \"bad-lines-2\", \"mode\": \"payment\", \"currency\": \"usd\", \"lineItems\": "
                        + "[{\"name\": \"Mug\", \"unitAmount\": 9.5, \"quantity\": 1}], \"successUrl\": \"https://s.example/ok\", "
                        + "\"cancelUrl\": \"https://s.example/cart\"}",
                "{\"orderId\": \"bad-lines-3\", \"mode\": \"barter\"}",
                "not json at all",
                "{\"orderId\": \"bad-lines-4\", \"mode\": \"setup\", \"currency\": \"usd\", \"succesUrl\": \"https://s.example\"}"));

        int exit = run("publish", file.toString());

        assertThat(exit).isEqualTo(1);
        String errors = err.toString();
        assertThat(errors).contains(file + ":3: lineItems[0].unitAmount must be a whole number of minor units");
        assertThat(errors).contains(file + ":4: mode must be payment, subscription or setup. Got: 'barter'");
        assertThat(errors).contains(file + ":5: not JSON");
        assertThat(errors).contains(file + ":6: unknown field 'succesUrl'");
        assertThat(errors).contains("4 of 5 orders are invalid; nothing published");
        assertThat(ordersOnTopic("bad-lines-")).isEmpty();
    }

    @Test
    void generatePublishesTheRequestedCountInTheGivenModes() {
        int exit = run("generate", "--count", "60", "--rate", "0", "--modes", "payment=1,setup=1",
                "--currencies", "jpy", "--id-prefix", "gen-test", "--seed", "3");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("60/60 acknowledged").contains("Published 60 orders");
        Map<String, OrderPlaced> orders = ordersOnTopic("gen-test-");
        assertThat(orders).hasSize(60);
        assertThat(orders.values()).extracting(OrderPlaced::getMode).containsOnly(CheckoutMode.PAYMENT, CheckoutMode.SETUP)
                .contains(CheckoutMode.PAYMENT, CheckoutMode.SETUP);
        assertThat(orders.values()).extracting(OrderPlaced::getCurrency).containsOnly("jpy");
    }

    @Test
    void tailPrintsCheckoutAndFulfillmentEventsAsReadableJson() {
        String orderId = "tail-" + System.nanoTime();
        run("publish", "examples/orders.jsonl");
        org.checkoutpipeline.events.CheckoutCreated created = org.checkoutpipeline.events.CheckoutCreated.newBuilder()
                .setEventId("evt_tail").setOrderId(orderId).setOccurredAt(Instant.parse("2026-03-01T09:00:01Z"))
                .setCheckoutSessionId("cs_test_tail").setUrl("http://localhost:12111/c/pay/cs_test_tail")
                .setExpiresAt(Instant.parse("2026-03-02T09:00:01Z")).setMode(CheckoutMode.PAYMENT)
                .setAmountTotal(new org.checkoutpipeline.events.Money(4000L, "usd")).build();
        try (KafkaProducer<String, org.checkoutpipeline.events.CheckoutCreated> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.checkoutpipeline.schemas.serde.EventSerializer<>())) {
            producer.send(new ProducerRecord<>(Topics.CHECKOUT_EVENTS.name(), orderId, created));
        }

        int exit = run("tail", "--from-beginning", "--order", orderId, "--max-records", "1", "--idle-timeout", "30s");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("\"topic\":\"checkout.events\"", "\"key\":\"" + orderId + "\"",
                "\"type\":\"CheckoutCreated\"", "\"occurredAt\":\"2026-03-01T09:00:01Z\"",
                "\"amountTotal\":{\"amount\":4000,\"currency\":\"usd\"}", "\"mode\":\"PAYMENT\"");
    }

    @Test
    void replayDlqPutsDeadLettersBackOnTheirSourceTopicOnceWithoutTheirDlqHeaders() {
        String orderId = "replayed-" + System.nanoTime();
        OrderPlaced order = org.checkoutpipeline.orderproducer.json.OrderJsonFixtures.order(orderId);
        byte[] value = EventCodec.standard().encode(order);
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>(Topics.ORDERS_PLACED.name(), 2, 17L,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, 0, 0, orderId.getBytes(), value,
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(DeadLetters.deadLetterOf(original, "STRIPE_UNAVAILABLE", "a consumer bug", Instant.now()));
        }

        assertThat(run("replay-dlq", "--topic", "orders.placed.dlq", "--group", "replay-" + orderId)).as(err.toString()).isZero();
        assertThat(run("replay-dlq", "--topic", "orders.placed.dlq", "--group", "replay-" + orderId)).isZero();

        List<ConsumerRecord<byte[], byte[]>> replayed = TopicContents.readCommitted(bootstrap, Topics.ORDERS_PLACED.name())
                .stream().filter(record -> new String(record.key()).equals(orderId)).toList();
        assertThat(replayed).hasSize(1);
        Set<String> headers = java.util.Arrays.stream(replayed.get(0).headers().toArray())
                .map(org.apache.kafka.common.header.Header::key).collect(Collectors.toSet());
        assertThat(headers).contains("dlq.replayed.from").doesNotContain(DeadLetters.ERROR, DeadLetters.SOURCE_TOPIC);
        assertThat(EventCodec.standard().decode(replayed.get(0).value(), OrderPlaced.class).getOrderId()).isEqualTo(orderId);
        assertThat(out.toString()).contains("Replayed 0 records from orders.placed.dlq");
    }
}
