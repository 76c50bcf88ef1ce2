package org.checkoutpipeline.fulfillment.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.schemas.serde.EventRegistry;

/**
 * A {@link Purchase} in the order state: Avro binary with the {@code Purchase} schema frozen in
 * {@code FulfillmentRequested} v2, the release this state format came with; read into the current
 * {@code Purchase} by Avro's schema resolution, so a later, compatible {@code Purchase} still reads it.
 */
final class PurchaseBytes {

    /** Loading the registry marks the generated classes, Purchase's among them, as trusted by Avro. */
    private static final EventRegistry TRUSTED = EventRegistry.standard();
    private static final String FROZEN = "/org/checkoutpipeline/events/released/FulfillmentRequested/v2.avsc";
    static final Schema WRITER = frozenPurchase();
    private static final SpecificDatumWriter<Purchase> WRITE = new SpecificDatumWriter<>(WRITER);
    private static final SpecificDatumReader<Purchase> READ = new SpecificDatumReader<>(WRITER, Purchase.getClassSchema());

    private PurchaseBytes() {
    }

    static byte[] write(Purchase purchase) {
        var out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            WRITE.write(purchase, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Purchase read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return READ.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read the purchase in an order state (" + bytes.length + " bytes)", e);
        }
    }

    private static Schema frozenPurchase() {
        try (InputStream in = FulfillmentRequested.class.getResourceAsStream(FROZEN)) {
            if (in == null) {
                throw new IllegalStateException("The schemas jar lacks " + FROZEN);
            }
            Schema event = new Schema.Parser().parse(in);
            return event.getField("purchase").schema().getTypes().stream()
                    .filter(type -> type.getType() == Schema.Type.RECORD).findFirst()
                    .orElseThrow(() -> new IllegalStateException(FROZEN + " has no purchase record"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
