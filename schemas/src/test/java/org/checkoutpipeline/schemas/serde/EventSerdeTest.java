package org.checkoutpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.schemas.serde.EventDecodingException.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final EventSerializer<SpecificRecord> serializer = new EventSerializer<>();
    private final EventDeserializer<SpecificRecord> anyEvent = EventDeserializer.anyEvent();

    static Iterable<SpecificRecord> everyEventType() {
        return SampleEvents.oneOfEach();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void everyEventRoundTripsAndNamesItsTypeInTheHeader(SpecificRecord event) {
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = serializer.serialize("checkout.events", headers, event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(EventHeaders.eventType(headers)).contains(event.getSchema().getName());
        assertThat(anyEvent.deserialize("checkout.events", headers, bytes)).isEqualTo(event);
        assertThat(EventDeserializer.forType(event.getClass()).deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void serdeForOneTypeRoundTrips() {
        try (Serde<OrderPlaced> serde = EventSerdes.of(OrderPlaced.class)) {
            OrderPlaced order = SampleEvents.orderPlaced();
            byte[] bytes = serde.serializer().serialize("orders.placed", order);
            assertThat(serde.deserializer().deserialize("orders.placed", bytes)).isEqualTo(order);
        }
    }

    @Test
    void anEventThatCannotBeEncodedLeavesTheNextEncodingIntact() {
        EventCodec codec = EventCodec.standard();
        OrderPlaced incomplete = SampleEvents.orderPlaced();
        incomplete.put("eventId", null);
        OrderPlaced order = SampleEvents.orderPlaced();

        assertThatThrownBy(() -> codec.encode(incomplete)).isInstanceOf(RuntimeException.class);

        assertThat(codec.decode(codec.encode(order), OrderPlaced.class)).isEqualTo(order);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(anyEvent.deserialize("t", null)).isNull();
    }

    @Test
    void generatedClassesAreTrustedWithoutAJvmFlag() {
        EventRegistry.standard();
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
        assertThat(ClassSecurityValidator.DEFAULT.isTrusted(OrderPlaced.class)).isFalse();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(OrderPlaced.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(CheckoutMode.class)).isTrue();
    }

    @Test
    void recordShorterThanTheHeaderIsTooShort() {
        assertThatThrownBy(() -> anyEvent.deserialize("t", new byte[] {(byte) 0xC3, 0x01, 7}))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.TOO_SHORT);
                    assertThat(e.fingerprint()).isEmpty();
                })
                .hasMessageContaining("Record of 3 bytes");
    }

    @Test
    void jsonIsNotMistakenForAnEvent() {
        byte[] json = "{\"orderId\":\"order-1\"}".getBytes();
        assertThatThrownBy(() -> anyEvent.deserialize("t", json))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.BAD_MARKER))
                .hasMessageContaining("starts with 7B 22");
    }

    @Test
    void unknownFingerprintIsNamedInTheError() {
        byte[] bytes = serializer.serialize("t", SampleEvents.orderPlaced());
        bytes[2] ^= 0x55;
        assertThatThrownBy(() -> anyEvent.deserialize("t", bytes))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_FINGERPRINT);
                    assertThat(e.fingerprint()).isPresent();
                })
                .hasMessageContaining("Unknown schema fingerprint 0x");
    }

    @Test
    void consumerThatChoosesToSkipsUnknownFingerprintsAndCountsThem() {
        byte[] bytes = serializer.serialize("t", SampleEvents.orderPlaced());
        bytes[9] ^= 0x01;
        EventDeserializer<SpecificRecord> skipping = anyEvent.skippingUnknownSchemas();

        assertThat(skipping.deserialize("t", bytes)).isNull();
        assertThat(skipping.skippedCount()).isEqualTo(1);
    }

    @Test
    void truncatedBodyIsCorruptNotANullPointer() {
        byte[] bytes = serializer.serialize("t", SampleEvents.orderPlaced());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> anyEvent.deserialize("t", truncated))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT_BODY))
                .hasMessageContaining("Corrupt OrderPlaced body");
    }

    @Test
    void garbageBodyIsCorrupt() {
        byte[] bytes = serializer.serialize("t", SampleEvents.orderPlaced());
        Arrays.fill(bytes, 10, bytes.length, (byte) 0xFF);
        assertThatThrownBy(() -> anyEvent.deserialize("t", bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT_BODY));
    }

    @Test
    void eventOfAnotherTypeIsRefusedByATypedDeserializer() {
        byte[] bytes = serializer.serialize("t", SampleEvents.oneOfEach().get(1));
        assertThatThrownBy(() -> EventDeserializer.forType(OrderPlaced.class).deserialize("orders.placed", bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_TYPE))
                .hasMessageStartingWith("Expected a OrderPlaced but the record is a CheckoutCreated");
    }

    @Test
    void typedDeserializerReturnsTheGeneratedClass() {
        CheckoutCreated created = (CheckoutCreated) SampleEvents.oneOfEach().get(1);
        byte[] bytes = serializer.serialize("t", created);
        CheckoutCreated decoded = EventDeserializer.forType(CheckoutCreated.class).deserialize("t", bytes);
        assertThat(decoded.getAmountTotal().getAmount()).isEqualTo(4_998L);
    }
}
