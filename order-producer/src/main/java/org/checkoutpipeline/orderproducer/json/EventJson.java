package org.checkoutpipeline.orderproducer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Any event of the pipeline as readable JSON: field names as in the schema, timestamps in
 * ISO-8601, enums by name, money as {@code {"amount", "currency"}}.
 */
public final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static ObjectNode of(SpecificRecord event) {
        return (ObjectNode) value(event, event.getSchema());
    }

    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + node, e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + node, e);
        }
    }

    private static JsonNode value(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), value(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case UNION -> value(value, schema.getTypes().stream()
                    .filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElseThrow());
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((Collection<?>) value).forEach(item -> array.add(value(item, schema.getElementType())));
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, item) -> object.set(key.toString(), value(item, schema.getValueType())));
                yield object;
            }
            case LONG -> value instanceof Instant instant ? NODES.textNode(instant.toString())
                    : NODES.numberNode(((Number) value).longValue());
            case INT -> NODES.numberNode(((Number) value).intValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case DOUBLE, FLOAT -> NODES.numberNode(((Number) value).doubleValue());
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteBuffer) value).array()));
            default -> NODES.textNode(value.toString());
        };
    }
}
