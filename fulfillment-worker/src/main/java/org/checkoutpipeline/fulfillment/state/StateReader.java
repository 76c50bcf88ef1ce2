package org.checkoutpipeline.fulfillment.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link StateWriter} wrote, failing with a {@link SerializationException} on truncated or malformed input. */
final class StateReader {

    private final byte[] bytes;
    private int position;

    StateReader(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.position = offset;
    }

    int readByte() {
        if (position >= bytes.length) {
            throw new SerializationException("Order state of " + bytes.length + " bytes ends early");
        }
        return bytes[position++] & 0xFF;
    }

    boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new SerializationException("Expected a flag (0 or 1) at byte " + (position - 1) + ", found " + value);
        }
        return value == 1;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = readByte();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("Variable-length integer longer than 10 bytes before byte " + position);
    }

    long readSignedLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readCount() {
        long count = readVarLong();
        if (count > bytes.length - position) {
            throw new SerializationException("Count " + count + " at byte " + position + " exceeds the "
                    + (bytes.length - position) + " bytes left");
        }
        return (int) count;
    }

    String readString() {
        int length = readLength("String");
        if (length < 0) {
            return null;
        }
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() {
        int length = readLength("Bytes");
        if (length < 0) {
            return null;
        }
        byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /** A length written as length plus one: -1 for null, or the length, checked against what is left. */
    private int readLength(String what) {
        long lengthPlusOne = readVarLong();
        if (lengthPlusOne == 0) {
            return -1;
        }
        long length = lengthPlusOne - 1;
        if (length > bytes.length - position) {
            throw new SerializationException(what + " of " + length + " bytes at byte " + position + " exceeds the "
                    + (bytes.length - position) + " bytes left");
        }
        return (int) length;
    }

    Instant readInstant() {
        if (!readBoolean()) {
            return null;
        }
        long seconds = readSignedLong();
        return Instant.ofEpochSecond(seconds, readVarLong());
    }

    <E extends Enum<E>> E readEnum(Class<E> type) {
        String name = readString();
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Unknown " + type.getSimpleName() + " '" + name + "' in an order state", e);
        }
    }

    boolean atEnd() {
        return position == bytes.length;
    }
}
