package org.checkoutpipeline.schemas.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter record format: a record that could not be processed is copied, bytes and
 * headers untouched, to {@code <topic>.dlq} with headers saying what went wrong and where it came
 * from, so it can be inspected and replayed.
 */
public final class DeadLetters {

    /** The prefix of every header this format adds; a replay removes them all. */
    public static final String HEADER_PREFIX = "dlq.";
    /** Why the record could not be processed: a message naming the field or problem. */
    public static final String ERROR = "dlq.error";
    /** The exception class, or a short problem code. */
    public static final String ERROR_TYPE = "dlq.error.type";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** When it was dead-lettered, ISO-8601. */
    public static final String FAILED_AT = "dlq.failed.at";
    /** The application that dead-lettered it, where several applications read the same topic. */
    public static final String APPLICATION_ID = "dlq.application.id";
    /** On a replayed record: the dead-letter topic, partition and offset it was replayed from. */
    public static final String REPLAYED_FROM = "dlq.replayed.from";

    private DeadLetters() {
    }

    /**
     * The dead-letter copy of a record that could not be processed.
     *
     * @param errorType a short, stable code (e.g. {@code UNKNOWN_FINGERPRINT}) or exception class
     * @param error     a human-readable reason
     */
    public static ProducerRecord<byte[], byte[]> deadLetterOf(ConsumerRecord<byte[], byte[]> source,
                                                              String errorType, String error, Instant failedAt) {
        Objects.requireNonNull(source, "source");
        Headers headers = headersOf(source.headers(), source.topic(), source.partition(), source.offset(),
                errorType, error, failedAt);
        Long timestamp = source.timestamp() >= 0 ? source.timestamp() : null;
        return new ProducerRecord<>(Topics.deadLetterTopicName(source.topic()), null, timestamp,
                source.key(), source.value(), headers);
    }

    /**
     * The headers of a dead-letter copy: the original headers, then what went wrong and where the
     * record came from. For processors that write the copy themselves (a Kafka Streams processor
     * forwards it), given the source record's position instead of the consumed record.
     */
    public static Headers headersOf(Headers original, String topic, int partition, long offset,
                                    String errorType, String error, Instant failedAt) {
        Headers headers = new RecordHeaders();
        for (Header header : original) {
            headers.add(header);
        }
        add(headers, ERROR, error);
        add(headers, ERROR_TYPE, errorType);
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, String.valueOf(partition));
        add(headers, SOURCE_OFFSET, String.valueOf(offset));
        add(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    /**
     * A dead-lettered record sent back to {@code destination}: key, value and original headers as
     * they were, this format's headers removed and {@link #REPLAYED_FROM} set to {@code replayedFrom}.
     */
    public static ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> deadLetter, String destination,
                                                          String replayedFrom) {
        Headers headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        add(headers, REPLAYED_FROM, replayedFrom);
        return new ProducerRecord<>(destination, null, deadLetter.key(), deadLetter.value(), headers);
    }

    /** A header's value as text, or null when absent. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
