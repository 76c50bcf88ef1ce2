package org.checkoutpipeline.schemas.serde;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events in Avro single-object encoding and sets the {@code event-type} header.
 *
 * @param <T> the events it writes: one record class, or {@link SpecificRecord} for a topic carrying several
 */
public final class EventSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final EventCodec codec;

    public EventSerializer(EventCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** A serializer for every event of the pipeline; for use as a Kafka {@code value.serializer} class too. */
    public EventSerializer() {
        this(EventCodec.standard());
    }

    @Override
    public byte[] serialize(String topic, T event) {
        return event == null ? null : codec.encode(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T event) {
        if (event == null) {
            return null;
        }
        EventHeaders.setEventType(headers, event.getSchema().getName());
        return codec.encode(event);
    }
}
