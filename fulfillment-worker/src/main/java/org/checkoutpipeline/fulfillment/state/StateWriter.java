package org.checkoutpipeline.fulfillment.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends the primitives of the binary state format to a growing byte array: variable-length
 * integers (zig-zag for signed values), length-prefixed UTF-8 strings, and nullable values behind
 * a presence flag. Not thread-safe; one per serialization.
 */
final class StateWriter {

    private byte[] buffer;
    private int size;

    StateWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** An unsigned variable-length integer, 7 bits a byte, least significant first. */
    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    void writeSignedLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /** A string as its UTF-8 length plus one (zero meaning null), then its bytes. */
    void writeString(String value) {
        if (value == null) {
            writeVarLong(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(bytes.length + 1L);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Bytes as their length plus one (zero meaning null), then the bytes. */
    void writeBytes(byte[] value) {
        if (value == null) {
            writeVarLong(0);
            return;
        }
        writeVarLong(value.length + 1L);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    /** An instant as a presence flag, then its epoch seconds and nanoseconds. */
    void writeInstant(Instant value) {
        writeBoolean(value != null);
        if (value != null) {
            writeSignedLong(value.getEpochSecond());
            writeVarLong(value.getNano());
        }
    }

    /** An enum constant by name, so reordering or adding constants does not change what was stored. */
    void writeEnum(Enum<?> value) {
        writeString(value == null ? null : value.name());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
