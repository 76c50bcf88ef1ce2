package org.checkoutpipeline.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutAsyncPaymentSucceeded;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.OrderStatus;

/**
 * The event types a decoder knows, looked up by class, by name or by schema fingerprint.
 *
 * <p>{@link #standard()} holds every event of the pipeline with its released schema versions,
 * read from {@code org/checkoutpipeline/events/released/<Name>/v<N>.avsc} on the class path. It
 * also marks the generated classes as trusted for Avro's class-loading check (AVRO-4189), so
 * users need no {@code org.apache.avro.SERIALIZABLE_PACKAGES} flag.
 */
public final class EventRegistry {

    static final String RELEASED_SCHEMAS = "/org/checkoutpipeline/events/released/";

    private static final List<Class<? extends SpecificRecord>> PIPELINE_EVENTS = List.of(
            OrderPlaced.class,
            CheckoutCreated.class,
            CheckoutFailed.class,
            CheckoutCompleted.class,
            CheckoutExpired.class,
            CheckoutAsyncPaymentSucceeded.class,
            CheckoutAsyncPaymentFailed.class,
            FulfillmentRequested.class,
            OrderCancelled.class,
            OrderStatus.class);

    private static final EventRegistry STANDARD = loadStandard();

    private final Map<Class<?>, EventType<?>> byClass = new LinkedHashMap<>();
    private final Map<String, EventType<?>> byName = new HashMap<>();
    private final Map<Long, EventType<?>> byFingerprint = new HashMap<>();

    private EventRegistry(Collection<EventType<?>> types) {
        for (EventType<?> type : types) {
            byClass.put(type.recordClass(), type);
            byName.put(type.name(), type);
            for (long fingerprint : type.writerFingerprints()) {
                EventType<?> clash = byFingerprint.put(fingerprint, type);
                if (clash != null && clash != type) {
                    throw new IllegalArgumentException("Schema fingerprint " + hex(fingerprint)
                            + " belongs to both " + clash.name() + " and " + type.name());
                }
            }
        }
        trust(types);
    }

    /** Every event of the pipeline, decoding every released schema version. */
    public static EventRegistry standard() {
        return STANDARD;
    }

    /** A registry of exactly these types; for tools and tests that know other schema versions. */
    public static EventRegistry of(Collection<EventType<?>> types) {
        return new EventRegistry(types);
    }

    public Collection<EventType<?>> types() {
        return byClass.values();
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> EventType<T> forClass(Class<T> recordClass) {
        EventType<T> type = (EventType<T>) byClass.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("Not an event type of this registry: " + recordClass.getName()
                    + ". Known: " + byName.keySet());
        }
        return type;
    }

    /** The type whose current or released schema has this fingerprint. */
    public Optional<EventType<?>> forFingerprint(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /** The type named as in the {@code event-type} header, e.g. {@code CheckoutCreated}. */
    public Optional<EventType<?>> forName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    private static EventRegistry loadStandard() {
        List<EventType<?>> types = new ArrayList<>();
        for (Class<? extends SpecificRecord> recordClass : PIPELINE_EVENTS) {
            types.add(EventType.of(recordClass, releasedSchemas(recordClass.getSimpleName())));
        }
        return new EventRegistry(types);
    }

    /** Reads {@code v1.avsc}, {@code v2.avsc}, ... until the next version is absent. */
    static List<Schema> releasedSchemas(String eventName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = RELEASED_SCHEMAS + eventName + "/v" + version + ".avsc";
            try (InputStream in = EventRegistry.class.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + path, e);
            }
        }
    }

    /** Adds the generated classes named by these schemas to Avro's trusted classes, keeping what was trusted before. */
    private static synchronized void trust(Collection<EventType<?>> types) {
        ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
        Set<String> names = new HashSet<>();
        for (EventType<?> type : types) {
            collectNamedTypes(type.schema(), names);
        }
        names.forEach(trusted::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), trusted.build()));
    }

    private static void collectNamedTypes(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectNamedTypes(field.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collectNamedTypes(schema.getElementType(), names);
            case MAP -> collectNamedTypes(schema.getValueType(), names);
            case UNION -> schema.getTypes().forEach(branch -> collectNamedTypes(branch, names));
            default -> { }
        }
    }
}
