package org.checkoutpipeline.schemas.serde;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.checkoutpipeline.schemas.serde.EventDecodingException.Problem;

/**
 * Reads events written in Avro single-object encoding by any released schema version.
 *
 * <p>Bytes that are not a readable event raise {@link EventDecodingException} naming the problem,
 * unless the deserializer was built to {@linkplain #skippingUnknownSchemas() skip} records with an
 * unknown schema fingerprint: those then read as {@code null} and are counted.
 *
 * @param <T> one record class, or {@link SpecificRecord} for a topic carrying several
 */
public final class EventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final EventCodec codec;
    private final Class<T> expected;
    private final boolean skipUnknownSchemas;
    private final AtomicLong skipped = new AtomicLong();

    private EventDeserializer(EventCodec codec, Class<T> expected, boolean skipUnknownSchemas) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.expected = expected;
        this.skipUnknownSchemas = skipUnknownSchemas;
    }

    /** A deserializer for every event of the pipeline; for use as a Kafka {@code value.deserializer} class too. */
    @SuppressWarnings("unchecked")
    public EventDeserializer() {
        this(EventCodec.standard(), (Class<T>) SpecificRecord.class, false);
    }

    /** Reads only events of this type; any other raises {@link Problem#WRONG_TYPE}. */
    public static <T extends SpecificRecord> EventDeserializer<T> forType(Class<T> recordClass) {
        return forType(EventCodec.standard(), recordClass);
    }

    public static <T extends SpecificRecord> EventDeserializer<T> forType(EventCodec codec, Class<T> recordClass) {
        return new EventDeserializer<>(codec, recordClass, false);
    }

    /** Reads any event the codec knows, e.g. the several record types of {@code checkout.events}. */
    public static EventDeserializer<SpecificRecord> anyEvent(EventCodec codec) {
        return new EventDeserializer<>(codec, SpecificRecord.class, false);
    }

    public static EventDeserializer<SpecificRecord> anyEvent() {
        return anyEvent(EventCodec.standard());
    }

    /** The same deserializer, but records with an unknown schema fingerprint read as {@code null}. */
    public EventDeserializer<T> skippingUnknownSchemas() {
        return new EventDeserializer<>(codec, expected, true);
    }

    /** How many records were skipped for an unknown schema fingerprint. */
    public long skippedCount() {
        return skipped.get();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return expected == SpecificRecord.class ? expected.cast(codec.decode(bytes)) : codec.decode(bytes, expected);
        } catch (EventDecodingException e) {
            if (skipUnknownSchemas && e.problem() == Problem.UNKNOWN_FINGERPRINT) {
                skipped.incrementAndGet();
                return null;
            }
            throw e;
        }
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] bytes) {
        return deserialize(topic, bytes);
    }
}
