package org.checkoutpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.checkoutpipeline.events.OrderPlaced;
import org.junit.jupiter.api.Test;

/**
 * Records written with another schema version than the reader's: the current OrderPlaced against
 * a deliberately evolved version that adds a field (with a default) and drops an optional one.
 */
class SchemaEvolutionTest {

    private static final Schema CURRENT = OrderPlaced.getClassSchema();
    private static final Schema EVOLVED = evolve(CURRENT);

    @Test
    void evolvedTestSchemaIsACompatibleChange() {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(EVOLVED, CURRENT).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(CURRENT, EVOLVED).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(EventType.fingerprint(EVOLVED)).isNotEqualTo(EventType.fingerprint(CURRENT));
    }

    @Test
    void newWriterOldReader_readerThatKnowsTheNewVersionDecodesIntoItsOwnClass() throws IOException {
        GenericRecord written = new GenericData.Record(EVOLVED);
        OrderPlaced original = SampleEvents.orderPlaced();
        for (Schema.Field field : EVOLVED.getFields()) {
            written.put(field.name(), field.name().equals("giftMessage")
                    ? "Happy birthday"
                    : GenericData.get().deepCopy(field.schema(), toGeneric(original).get(field.name())));
        }
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), EVOLVED).encode(written).array();

        List<Schema> known = new ArrayList<>(EventRegistry.standard().forClass(OrderPlaced.class).releasedSchemas());
        known.add(EVOLVED);
        EventCodec reader = new EventCodec(EventRegistry.of(List.of(EventType.of(OrderPlaced.class, known))));
        OrderPlaced read = reader.decode(bytes, OrderPlaced.class);

        assertThat(read.getOrderId()).isEqualTo(original.getOrderId());
        assertThat(read.getLineItems()).isEqualTo(original.getLineItems());
        assertThat(read.getCustomerId()).as("dropped by the new writer, so the reader's default").isNull();
    }

    @Test
    void oldWriterNewReader_newReaderFillsTheAddedFieldWithItsDefault() throws IOException {
        byte[] bytes = EventCodec.standard().encode(SampleEvents.orderPlaced());

        BinaryMessageDecoder<GenericRecord> newReader = new BinaryMessageDecoder<>(GenericData.get(), EVOLVED);
        newReader.addSchema(CURRENT);
        GenericRecord read = newReader.decode(bytes);

        assertThat(read.get("orderId").toString()).isEqualTo("order-1");
        assertThat(read.get("giftMessage")).hasToString("none");
        assertThat(((List<?>) read.get("lineItems"))).hasSize(2);
    }

    private static GenericRecord toGeneric(OrderPlaced order) throws IOException {
        return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), CURRENT).decode(EventCodec.standard().encode(order));
    }

    /** OrderPlaced with {@code giftMessage} added (default "none") and {@code customerId} dropped. */
    private static Schema evolve(Schema current) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("customerId")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        fields.add(new Schema.Field("giftMessage", Schema.create(Schema.Type.STRING), "Added in the evolved test version", "none"));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
