package org.checkoutpipeline.fulfillment.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.fulfillment.state.EventFacts;
import org.checkoutpipeline.fulfillment.state.OrderDecider;
import org.checkoutpipeline.fulfillment.state.OrderFacts;
import org.checkoutpipeline.schemas.serde.EventSerdes;
import org.checkoutpipeline.schemas.topic.Topics;
import org.threeten.extra.MutableClock;

/** The fulfillment topology in a {@link TopologyTestDriver}, with a clock that moves with the driver's wall-clock time. */
final class TopologyHarness implements AutoCloseable {

    static final Duration ORDER_WAIT = Duration.ofMinutes(30);
    static final Duration EXPIRY_GRACE = Duration.ofMinutes(15);
    static final Duration SETTLEMENT = Duration.ofMinutes(2);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock = MutableClock.of(START, ZoneOffset.UTC);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final FulfillmentTopics topics = FulfillmentTopics.catalogue();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
    private final TestOutputTopic<String, SpecificRecord> decisions;
    private final TestOutputTopic<String, OrderStatus> statuses;

    TopologyHarness() throws IOException {
        stateDir = Files.createTempDirectory("fulfillment-ttd-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fulfillment-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        OrderDecider decider = new OrderDecider(new OrderDecider.Rules(ORDER_WAIT, EXPIRY_GRACE, SETTLEMENT));
        driver = new TopologyTestDriver(FulfillmentTopology.build(topics, decider, CHECK_INTERVAL, clock,
                new FulfillmentMetrics(registry)), props, START);
        for (String topic : topics.inputs()) {
            inputs.put(topic, driver.createInputTopic(topic, Serdes.String().serializer(),
                    EventSerdes.anyEvent().serializer()));
        }
        decisions = driver.createOutputTopic(topics.fulfillmentEvents(), Serdes.String().deserializer(),
                EventSerdes.anyEvent().deserializer());
        statuses = driver.createOutputTopic(topics.ordersStatus(), Serdes.String().deserializer(),
                EventSerdes.of(OrderStatus.class).deserializer());
    }

    /** Publishes an event to its topic, keyed by its order id. */
    void send(SpecificRecord event) {
        inputs.get(TestEvents.topicOf(topics, event)).pipeInput(EventFacts.orderIdOf(event), event, clock.instant());
    }

    void sendRaw(String topic, byte[] key, byte[] value) {
        driver.createInputTopic(topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(key, value, clock.instant());
    }

    /** Moves the clock and the driver's wall-clock time, running the punctuations that fall due. */
    void advance(Duration duration) {
        clock.add(duration);
        driver.advanceWallClockTime(duration);
    }

    List<TestRecord<String, SpecificRecord>> readDecisions() {
        return decisions.readRecordsToList();
    }

    List<TestRecord<String, OrderStatus>> readStatuses() {
        return statuses.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> readDeadLetters(String inputTopic) {
        return driver.createOutputTopic(Topics.deadLetterTopicName(inputTopic), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList();
    }

    OrderFacts stored(String orderId) {
        KeyValueStore<String, OrderFacts> store = driver.getKeyValueStore(FulfillmentTopology.ORDER_STORE);
        return store.get(orderId);
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String name, String... tags) {
        var gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Override
    public void close() throws IOException {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
