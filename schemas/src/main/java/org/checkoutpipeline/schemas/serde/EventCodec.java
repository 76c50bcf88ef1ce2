package org.checkoutpipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.schemas.serde.EventDecodingException.Problem;

/**
 * Avro single-object encoding of events: {@code C3 01}, the writer schema's 8-byte little-endian
 * fingerprint, then the Avro binary body. Thread-safe.
 *
 * <p>Bodies are read and written by buffered Avro coders over the byte array, reused per thread,
 * with one reader per writer schema built up front; the header is parsed once per record.
 */
public final class EventCodec {

    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    /** Above this size a thread's encoding buffer is not kept for the next record. */
    private static final int RETAINED_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<EncodingBuffer> ENCODING = ThreadLocal.withInitial(EncodingBuffer::new);
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

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
        EncodingBuffer buffer = ENCODING.get();
        buffer.reset();
        buffer.write(MARKER_0);
        buffer.write(MARKER_1);
        long fingerprint = type.currentFingerprint();
        for (int i = 0; i < Long.BYTES; i++) {
            buffer.write((int) (fingerprint >>> (8 * i)));
        }
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
            buffer.encoder = encoder;
            type.writer().write(event, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The encoder may hold part of this record; the next record starts from a fresh buffer.
            ENCODING.remove();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot encode " + type.name(), io);
            }
            throw (RuntimeException) e;
        }
        byte[] bytes = buffer.toByteArray();
        if (buffer.capacity() > RETAINED_BUFFER_BYTES) {
            ENCODING.remove();
        }
        return bytes;
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
        return typeOf(readFingerprint(bytes), bytes);
    }

    private EventType<?> typeOf(long fingerprint, byte[] bytes) {
        return registry.forFingerprint(fingerprint).orElseThrow(() -> new EventDecodingException(
                Problem.UNKNOWN_FINGERPRINT, fingerprint,
                "Unknown schema fingerprint " + EventRegistry.hex(fingerprint) + " in a record of "
                        + bytes.length + " bytes: written with a schema version this reader was not "
                        + "built with (upgrade the schemas library), or not an event of this pipeline", null));
    }

    private SpecificRecord decodeAs(byte[] bytes, EventType<?> expected) {
        long fingerprint = readFingerprint(bytes);
        EventType<?> actual = typeOf(fingerprint, bytes);
        if (expected != null && actual != expected) {
            throw new EventDecodingException(Problem.WRONG_TYPE, fingerprint,
                    "Expected a " + expected.name() + " but the record is a " + actual.name()
                            + " (schema fingerprint " + EventRegistry.hex(fingerprint) + ")", null);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH,
                    bytes.length - HEADER_LENGTH, DECODER.get());
            DECODER.set(decoder);
            return actual.readerFor(fingerprint).read(null, decoder);
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

    /** A thread's reusable output for encoding, with the Avro encoder writing into it. */
    private static final class EncodingBuffer extends ByteArrayOutputStream {
        private BinaryEncoder encoder;

        EncodingBuffer() {
            super(512);
        }

        int capacity() {
            return buf.length;
        }
    }
}
