package org.checkoutpipeline.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final byte[] KEY = "o-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    @Test
    void aDeadLetterKeepsTheRecordAndSaysWhatWentWrongAndWhere() {
        ProducerRecord<byte[], byte[]> dead = DeadLetters.deadLetterOf(consumed("orders.placed", 3, 42, traceHeaders()),
                "BAD_MARKER", "no single-object marker", Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(dead.topic()).isEqualTo("orders.placed.dlq");
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(Arrays.stream(dead.headers().toArray()).map(Header::key)).containsExactly("trace",
                DeadLetters.ERROR, DeadLetters.ERROR_TYPE, DeadLetters.SOURCE_TOPIC, DeadLetters.SOURCE_PARTITION,
                DeadLetters.SOURCE_OFFSET, DeadLetters.FAILED_AT);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void aReplayDropsTheDeadLetterHeadersAndSaysWhereItCameFrom() {
        ProducerRecord<byte[], byte[]> dead = DeadLetters.deadLetterOf(consumed("orders.placed", 3, 42, traceHeaders()),
                "BAD_MARKER", "no single-object marker", Instant.parse("2026-03-01T10:00:00Z"));
        dead.headers().add(DeadLetters.APPLICATION_ID, "fulfillment-worker".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> replayed = DeadLetters.replayOf(
                consumed("orders.placed.dlq", 0, 7, new RecordHeaders(dead.headers().toArray())),
                "orders.placed", "orders.placed.dlq-0@7");

        assertThat(replayed.topic()).isEqualTo("orders.placed");
        assertThat(replayed.key()).isEqualTo(KEY);
        assertThat(Arrays.stream(replayed.headers().toArray()).map(Header::key))
                .containsExactly("trace", DeadLetters.REPLAYED_FROM);
        assertThat(DeadLetters.header(replayed.headers(), DeadLetters.REPLAYED_FROM)).isEqualTo("orders.placed.dlq-0@7");
    }

    @Test
    void namesTheTopicADeadLetterTopicCollectsFailuresOf() {
        assertThat(Topics.sourceTopicName(Topics.deadLetterTopicName("checkout.events"))).isEqualTo("checkout.events");
        assertThatThrownBy(() -> Topics.sourceTopicName("checkout.events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'checkout.events'");
    }

    private static RecordHeaders traceHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String topic, int partition, long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, 1_000L, TimestampType.CREATE_TIME, KEY.length, VALUE.length,
                KEY, VALUE, headers, Optional.empty());
    }
}
