package org.checkoutpipeline.fulfillment.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.fulfillment.state.EventFacts;
import org.checkoutpipeline.fulfillment.state.Fact;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventDecodingException;

/**
 * Reads the raw input records: an {@code OrderPlaced} from the orders topic, a checkout event from
 * the checkout topic, keyed by the event's {@code orderId}. Anything else is {@link Input.Rejected}.
 */
final class InputDecoder {

    private final EventCodec codec;
    private final String ordersTopic;

    InputDecoder(EventCodec codec, String ordersTopic) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ordersTopic = Objects.requireNonNull(ordersTopic, "ordersTopic");
    }

    Input decode(String topic, byte[] key, byte[] value) {
        if (value == null) {
            return new Input.Rejected("EMPTY_VALUE", "Record on " + topic + " has no value (a tombstone); "
                    + "it states nothing about an order");
        }
        boolean ordersTopic = this.ordersTopic.equals(topic);
        SpecificRecord event;
        try {
            event = ordersTopic ? codec.decode(value, OrderPlaced.class) : codec.decode(value);
        } catch (EventDecodingException e) {
            return new Input.Rejected(e.problem().name(), e.getMessage());
        }
        if (!ordersTopic && event instanceof OrderPlaced) {
            return new Input.Rejected("UNEXPECTED_TYPE", "An OrderPlaced on " + topic + ", which carries checkout events only");
        }
        Fact fact;
        try {
            fact = EventFacts.of(event);
        } catch (IllegalArgumentException e) {
            return new Input.Rejected("UNEXPECTED_TYPE", e.getMessage() + " on " + topic);
        }
        String orderId = EventFacts.orderIdOf(event);
        if (orderId == null || orderId.isBlank()) {
            return new Input.Rejected("MISSING_ORDER_ID", "The " + fact.eventType() + " " + fact.eventId()
                    + " has a blank orderId: '" + orderId + "'");
        }
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (!orderId.equals(keyText)) {
            return new Input.Rejected("KEY_MISMATCH", "Record key '" + keyText + "' is not the orderId '" + orderId
                    + "' of the " + fact.eventType() + " " + fact.eventId()
                    + ": records must be keyed by orderId to reach the partition holding the order");
        }
        return new Input.Accepted(orderId, fact);
    }
}
