package org.checkoutpipeline.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka {@link Serde}s for events, e.g. for Kafka Streams: {@code Consumed.with(Serdes.String(), EventSerdes.of(OrderPlaced.class))}. */
public final class EventSerdes {

    private EventSerdes() {
    }

    /** Events of one type, e.g. {@code orders.placed}. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> recordClass) {
        EventCodec codec = EventCodec.standard();
        return Serdes.serdeFrom(new EventSerializer<>(codec), EventDeserializer.forType(codec, recordClass));
    }

    /** Any event of the pipeline, e.g. the several record types of {@code checkout.events}. */
    public static Serde<SpecificRecord> anyEvent() {
        EventCodec codec = EventCodec.standard();
        return Serdes.serdeFrom(new EventSerializer<>(codec), EventDeserializer.anyEvent(codec));
    }
}
