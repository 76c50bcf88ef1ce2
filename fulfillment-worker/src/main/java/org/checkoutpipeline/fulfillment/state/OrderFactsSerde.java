package org.checkoutpipeline.fulfillment.state;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores {@link OrderFacts} in a compact versioned binary form ({@link OrderFactsCodec}).
 *
 * <p>Not Avro, because the state is private to this application and changes with its rules: a
 * hand-written format needs no second set of generated classes or schema registry, and its version
 * byte lets a newer worker keep reading what an older one wrote. Earlier releases stored the state
 * as JSON; such values (they start with <code>'{'</code>) are still read, so a worker upgraded in
 * place reads its store and changelog, and rewrites each order in the binary form when it next changes.
 * A worker of an earlier release cannot read the binary form.
 */
public final class OrderFactsSerde implements Serde<OrderFacts> {

    private static final ObjectReader LEGACY_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS, false)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readerFor(OrderFacts.class);

    @Override
    public Serializer<OrderFacts> serializer() {
        return (topic, order) -> order == null ? null : OrderFactsCodec.write(order);
    }

    @Override
    public Deserializer<OrderFacts> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0) {
                throw new SerializationException("An order state cannot be empty");
            }
            if (bytes[0] == '{') {
                return readLegacyJson(bytes);
            }
            return OrderFactsCodec.read(bytes);
        };
    }

    private static OrderFacts readLegacyJson(byte[] bytes) {
        try {
            return LEGACY_JSON.readValue(bytes);
        } catch (IOException e) {
            throw new SerializationException("Cannot read an order state of " + bytes.length + " bytes as JSON", e);
        }
    }
}
