package org.checkoutpipeline.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.schemas.serde.EventDecodingException.Problem;

/**
 * Avro single-object encoding of events: {@code C3 01}, the writer schema's 8-byte little-endian
 * fingerprint, then the Avro binary body. Thread-safe.
 */
public final class EventCodec {

    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final EventRegistry registry;

    public EventCodec(EventRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The codec for every event of the pipeline. */
    public static EventCodec standard() {
        return new EventCodec(EventRegistry.standard());
    }

    public EventRegistry registry() {
        return registry;
    }

    /** Encodes an event with its current schema. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> byte[] encode(T event) {
        EventType<T> type = registry.forClass((Class<T>) event.getClass());
        try {
            ByteBuffer buffer = type.encoder().encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + type.name(), e);
        }
    }

    /** Decodes any event the registry knows into its current class. */
    public SpecificRecord decode(byte[] bytes) {
        return decodeAs(bytes, null);
    }

    /**
     * Decodes an event that must be of the given type.
     *
     * @throws EventDecodingException if the bytes are not an event of that type, with the reason
     */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> expected) {
        return expected.cast(decodeAs(bytes, registry.forClass(expected)));
    }

    /** The event type named by the bytes' header, without decoding the body. */
    public EventType<?> typeOf(byte[] bytes) {
        long fingerprint = readFingerprint(bytes);
        return registry.forFingerprint(fingerprint).orElseThrow(() -> new EventDecodingException(
                Problem.UNKNOWN_FINGERPRINT, fingerprint,
                "Unknown schema fingerprint " + EventRegistry.hex(fingerprint) + " in a record of "
                        + bytes.length + " bytes: written with a schema version this reader was not "
                        + "built with (upgrade the schemas library), or not an event of this pipeline", null));
    }

    private SpecificRecord decodeAs(byte[] bytes, EventType<?> expected) {
        EventType<?> actual = typeOf(bytes);
        long fingerprint = readFingerprint(bytes);
        if (expected != null && actual != expected) {
            throw new EventDecodingException(Problem.WRONG_TYPE, fingerprint,
                    "Expected a " + expected.name() + " but the record is a " + actual.name()
                            + " (schema fingerprint " + EventRegistry.hex(fingerprint) + ")", null);
        }
        try {
            return actual.decoder().decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(Problem.CORRUPT_BODY, fingerprint,
                    "Corrupt " + actual.name() + " body: " + bytes.length + " bytes with schema fingerprint "
                            + EventRegistry.hex(fingerprint) + " do not decode (" + e + ")", e);
        }
    }

    private static long readFingerprint(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] != MARKER_0 || bytes[1] != MARKER_1)) {
            throw new EventDecodingException(Problem.BAD_MARKER, null,
                    String.format("Record of %d bytes starts with %02X %02X, not the Avro single-object marker C3 01",
                            bytes.length, bytes[0], bytes[1]), null);
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new EventDecodingException(Problem.TOO_SHORT, null,
                    "Record of " + bytes.length + " bytes is shorter than the " + HEADER_LENGTH
                            + "-byte Avro single-object header (C3 01 + 8-byte schema fingerprint)", null);
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
