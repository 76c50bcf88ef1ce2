package org.checkoutpipeline.embeddedkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void recordsProducedAreConsumedInOrder(KafkaCluster kafka) throws Exception {
        String topic = uniqueTopic("plain");
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "order-1", "event-" + i));
            }
            producer.flush();
        }
        assertThat(values(consumeAll(kafka.bootstrapServers(), topic, "read_uncommitted", 100)))
                .containsExactlyElementsOf(expectedEvents(100));
    }

    @Test
    void abortedTransactionsAreInvisibleToReadCommittedConsumers(KafkaCluster kafka) throws Exception {
        String topic = uniqueTopic("tx");
        createTopic(kafka.bootstrapServers(), topic);
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }
        assertThat(values(consumeAll(kafka.bootstrapServers(), topic, "read_committed", 1)))
                .containsExactly("committed");
        assertThat(values(consumeAll(kafka.bootstrapServers(), topic, "read_uncommitted", 2)))
                .containsExactly("aborted", "committed");
    }

    @Test
    void kafkaStreamsRunsWithExactlyOnceV2(KafkaCluster kafka) throws Exception {
        String input = uniqueTopic("streams-in");
        String output = uniqueTopic("streams-out");
        createTopic(kafka.bootstrapServers(), input);
        createTopic(kafka.bootstrapServers(), output);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase())
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-" + input);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams").toString());

        try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of())) {
            streams.start();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(input, "k", "event-" + i));
            }
            producer.flush();
            assertThat(values(consumeAll(kafka.bootstrapServers(), output, "read_committed", 10)))
                    .containsExactlyElementsOf(expectedEvents(10).stream().map(String::toUpperCase).toList());
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void brokerRestartedOnTheSameDirectoryKeepsItsData(@TempDir Path dataDirectory) throws Exception {
        String topic = "durable";
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).build().start();
        try (KafkaProducer<String, String> producer = producer(first.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get(30, TimeUnit.SECONDS);
        } finally {
            first.close();
        }
        assertThat(first.isRunning()).isFalse();
        assertThat(dataDirectory.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDirectory(dataDirectory).build().start()) {
            assertThat(values(consumeAll(second.bootstrapServers(), topic, "read_committed", 1)))
                    .containsExactly("before-restart");
        }
    }

    @Test
    void temporaryDataDirectoryIsDeletedOnClose() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        Path directory = broker.dataDirectory();
        assertThat(directory).isDirectory();
        broker.close();
        assertThat(directory).doesNotExist();
    }

    @Test
    void startingARunningBrokerAgainIsRefused() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(broker.bootstrapServers());
        }
    }

    @Test
    void portOutOfRangeIsRejectedWithTheValue() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535. Got: 70000");
    }

    private static List<String> expectedEvents(int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("event-" + i);
        }
        return expected;
    }

    private static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Reads from the beginning until {@code expected} records arrived, then a little longer to catch extras. */
    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic,
                                                                   String isolation, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
