package org.checkoutpipeline.schemas.serde;

import java.util.OptionalLong;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes are not an event this decoder can read. The {@link #problem()} says why, in
 * terms that do not depend on the topic; a dead-letter queue records it beside the original bytes.
 */
public final class EventDecodingException extends SerializationException {

    /** What is wrong with the bytes. */
    public enum Problem {
        /** Shorter than the 10-byte single-object header. */
        TOO_SHORT,
        /** Does not start with the single-object marker {@code C3 01}: not Avro, or not ours. */
        BAD_MARKER,
        /** Written with a schema no released version of any known event has: a newer writer, or foreign data. */
        UNKNOWN_FINGERPRINT,
        /** A known event of another type than the one this decoder reads. */
        WRONG_TYPE,
        /** The header is fine but the body does not decode with the writer's schema. */
        CORRUPT_BODY
    }

    private final Problem problem;
    private final Long fingerprint;

    EventDecodingException(Problem problem, Long fingerprint, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.fingerprint = fingerprint;
    }

    public Problem problem() {
        return problem;
    }

    /** The writer schema's fingerprint, when the header could be read. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }
}
