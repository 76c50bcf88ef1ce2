package org.checkoutpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkoutpipeline.embeddedkafka.KafkaCluster;
import org.checkoutpipeline.embeddedkafka.junit.EmbeddedKafkaExtension;
import org.checkoutpipeline.schemas.topic.DeadLetters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serde as Kafka clients use it: configured by class name, on a topic carrying several event types. */
@ExtendWith(EmbeddedKafkaExtension.class)
class EventsOverKafkaTest {

    @Test
    void topicOfSeveralEventTypesReadsBackEachAsItsOwnClass(KafkaCluster kafka) {
        String topic = "events-" + UUID.randomUUID();
        List<SpecificRecord> events = SampleEvents.oneOfEach();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig)) {
            events.forEach(event -> producer.send(new ProducerRecord<>(topic, "order-1", event)));
        }

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class.getName());
        List<ConsumerRecord<String, SpecificRecord>> received = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < events.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(events);
        assertThat(received).allSatisfy(record -> assertThat(EventHeaders.eventType(record.headers()))
                .contains(record.value().getSchema().getName()));
    }

    @Test
    void deadLetterKeepsTheOriginalBytesAndNamesTheError() {
        byte[] garbage = "not avro".getBytes();
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("orders.placed", 4, 1_234L, "order-9".getBytes(), garbage);
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        EventDecodingException error = assertThrows(EventDecodingException.class,
                () -> EventDeserializer.anyEvent().deserialize("orders.placed", garbage));

        ProducerRecord<byte[], byte[]> dead = DeadLetters.deadLetterOf(source, error.problem().name(), error.getMessage(), now);

        assertThat(dead.topic()).isEqualTo("orders.placed.dlq");
        assertThat(dead.key()).isEqualTo("order-9".getBytes());
        assertThat(dead.value()).isSameAs(garbage);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.ERROR_TYPE)).isEqualTo("BAD_MARKER");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.ERROR)).contains("not the Avro single-object marker");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("orders.placed");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.FAILED_AT)).isEqualTo("2026-11-26T12:00:00Z");
    }
}
