package org.checkoutpipeline.schemas.serde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * One kind of event: its generated class, its current schema, and every released version of that
 * schema, so records written by older or newer writers decode into the current class.
 *
 * @param <T> the generated record class
 */
public final class EventType<T extends SpecificRecord> {

    private final Class<T> recordClass;
    private final Schema schema;
    private final List<Schema> releasedSchemas;
    private final Map<Long, Schema> writerSchemasByFingerprint;
    private final long fingerprint;
    private final DatumWriter<T> writer;
    private final Map<Long, DatumReader<T>> readersByFingerprint;

    private EventType(Class<T> recordClass, List<Schema> releasedSchemas) {
        this.recordClass = Objects.requireNonNull(recordClass, "recordClass");
        SpecificData model = SpecificData.getForClass(recordClass);
        this.schema = model.getSchema(recordClass);
        this.releasedSchemas = List.copyOf(releasedSchemas);
        this.fingerprint = fingerprint(schema);
        this.writer = new SpecificDatumWriter<>(schema, model);
        Map<Long, Schema> writers = new LinkedHashMap<>();
        writers.put(fingerprint, schema);
        for (Schema released : releasedSchemas) {
            if (!released.getFullName().equals(schema.getFullName())) {
                throw new IllegalArgumentException("Released schema " + released.getFullName()
                        + " does not belong to " + recordClass.getName());
            }
            writers.put(fingerprint(released), released);
        }
        this.writerSchemasByFingerprint = Collections.unmodifiableMap(writers);
        Map<Long, DatumReader<T>> readers = new HashMap<>();
        writers.forEach((writerFingerprint, writerSchema) ->
                readers.put(writerFingerprint, new SpecificDatumReader<>(writerSchema, schema, model)));
        this.readersByFingerprint = Map.copyOf(readers);
    }

    /**
     * An event type that decodes its current schema and the given writer schemas.
     *
     * @param releasedSchemas every schema version records of this type may have been written with
     */
    public static <T extends SpecificRecord> EventType<T> of(Class<T> recordClass, List<Schema> releasedSchemas) {
        return new EventType<>(recordClass, releasedSchemas);
    }

    /** The record's simple name, e.g. {@code OrderPlaced}: the value of the {@code event-type} header. */
    public String name() {
        return schema.getName();
    }

    public Class<T> recordClass() {
        return recordClass;
    }

    /** The schema the generated class was built from. */
    public Schema schema() {
        return schema;
    }

    /** The frozen released versions, oldest first. */
    public List<Schema> releasedSchemas() {
        return releasedSchemas;
    }

    /** Fingerprints of every schema a record of this type may carry: current and released. */
    public Iterable<Long> writerFingerprints() {
        return new ArrayList<>(writerSchemasByFingerprint.keySet());
    }

    /** The current schema's fingerprint, written in the header of every record encoded now. */
    long currentFingerprint() {
        return fingerprint;
    }

    /** Writes the Avro binary body with the current schema; shared by all threads, as Avro's writers hold no state. */
    DatumWriter<T> writer() {
        return writer;
    }

    /**
     * Reads a body written with the schema of this fingerprint into the current class; built once per
     * writer schema, so the resolution between writer and reader schema is not repeated per record.
     */
    DatumReader<T> readerFor(long writerFingerprint) {
        return readersByFingerprint.get(writerFingerprint);
    }

    /** The 64-bit Rabin fingerprint of the schema's parsing canonical form, as single-object encoding writes it. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public String toString() {
        return name() + " (" + releasedSchemas.size() + " released versions)";
    }
}
