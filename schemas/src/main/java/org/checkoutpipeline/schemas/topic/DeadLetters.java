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

    /** Why the record could not be processed: a message naming the field or problem. */
    public static final String ERROR = "dlq.error";
    /** The exception class, or a short problem code. */
    public static final String ERROR_TYPE = "dlq.error.type";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** When it was dead-lettered, ISO-8601. */
    public static final String FAILED_AT = "dlq.failed.at";

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
        Headers headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        add(headers, ERROR, error);
        add(headers, ERROR_TYPE, errorType);
        add(headers, SOURCE_TOPIC, source.topic());
        add(headers, SOURCE_PARTITION, String.valueOf(source.partition()));
        add(headers, SOURCE_OFFSET, String.valueOf(source.offset()));
        add(headers, FAILED_AT, failedAt.toString());
        Long timestamp = source.timestamp() >= 0 ? source.timestamp() : null;
        return new ProducerRecord<>(Topics.deadLetterTopicName(source.topic()), null, timestamp,
                source.key(), source.value(), headers);
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
