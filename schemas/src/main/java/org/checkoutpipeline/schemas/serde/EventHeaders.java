package org.checkoutpipeline.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The Kafka header every event record carries, naming its record type. */
public final class EventHeaders {

    /** Header whose UTF-8 value is the record type's simple name, e.g. {@code CheckoutCreated}. */
    public static final String EVENT_TYPE = "event-type";

    private EventHeaders() {
    }

    /** Sets (replacing any earlier value) the {@value #EVENT_TYPE} header. */
    public static void setEventType(Headers headers, String eventType) {
        headers.remove(EVENT_TYPE);
        headers.add(EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> eventType(Headers headers) {
        Header header = headers.lastHeader(EVENT_TYPE);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
