package org.checkoutpipeline.fulfillment.state;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores {@link OrderFacts} as JSON (times as epoch milliseconds, nulls left out).
 *
 * <p>JSON rather than Avro because the state is private to this application and changes with its
 * rules: Jackson maps the records directly, unknown properties are ignored and missing ones read
 * as null, so a newer or older worker reads the other's state (and its changelog) without a
 * schema registry or a second set of generated classes.
 */
public final class OrderFactsSerde implements Serde<OrderFacts> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true)
            .configure(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS, false)
            .configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter WRITER = JSON.writerFor(OrderFacts.class);
    private static final ObjectReader READER = JSON.readerFor(OrderFacts.class);

    @Override
    public Serializer<OrderFacts> serializer() {
        return (topic, order) -> {
            if (order == null) {
                return null;
            }
            try {
                return WRITER.writeValueAsBytes(order);
            } catch (IOException e) {
                throw new SerializationException("Cannot write the state of order " + order.orderId(), e);
            }
        };
    }

    @Override
    public Deserializer<OrderFacts> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return READER.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("Cannot read an order state of " + bytes.length + " bytes", e);
            }
        };
    }
}
