package org.checkoutpipeline.orderproducer.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.checkoutpipeline.schemas.serde.EventRegistry;

/**
 * Reads plain JSON into a generated Avro record by its schema, so the JSON form of an order has the
 * field names, types and defaults of {@code OrderPlaced} itself and grows with it: objects are
 * records (unknown fields refused), a field left out takes its schema default (or is reported
 * missing when it has none), {@code null} or a value fills a nullable field, enum symbols are read
 * in any case ({@code "month"}, {@code "if_required"}), numbers must be whole where the schema says
 * {@code int} or {@code long}. Every error names the field's path and value.
 */
final class AvroJson {

    static {
        // Filling an enum default loads the generated enum class, which Avro checks: trust the pipeline's.
        EventRegistry.standard();
    }

    private AvroJson() {
    }

    /** The JSON object as a record of {@code type}. */
    static <T extends SpecificRecord> T read(JsonNode json, Class<T> type, Schema schema, String path) {
        Object generic = value(json, schema, path);
        return type.cast(SpecificData.getForClass(type).deepCopy(schema, generic));
    }

    private static Object value(JsonNode node, Schema schema, String path) {
        switch (schema.getType()) {
            case UNION:
                if (node == null || node.isNull()) {
                    if (schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                        return null;
                    }
                    throw new InvalidOrderException(path, null, path + " is required");
                }
                Schema branch = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                        .orElseThrow();
                return value(node, branch, path);
            case RECORD:
                return record(node, schema, path);
            case ARRAY:
                if (!node.isArray()) {
                    throw new InvalidOrderException(path, node, path + " must be an array. Got: " + node);
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    items.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return items;
            case MAP:
                if (!node.isObject()) {
                    throw new InvalidOrderException(path, node, path + " must be an object. Got: " + node);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> map.put(e.getKey(),
                        value(e.getValue(), schema.getValueType(), path + "['" + e.getKey() + "']")));
                return map;
            case ENUM:
                String symbol = text(node, path).toUpperCase(Locale.ROOT);
                if (!schema.getEnumSymbols().contains(symbol)) {
                    throw new InvalidOrderException(path, node.asText(), path + " must be one of "
                            + schema.getEnumSymbols().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()
                            + ". Got: '" + node.asText() + "'");
                }
                return new GenericData.EnumSymbol(schema, symbol);
            case STRING:
                return text(node, path);
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw new InvalidOrderException(path, node, path + " must be true or false. Got: " + node);
                }
                return node.booleanValue();
            case INT:
            case LONG:
                if (!node.isIntegralNumber() || !node.canConvertToLong()
                        || (schema.getType() == Schema.Type.INT && !node.canConvertToInt())) {
                    throw new InvalidOrderException(path, node, path + " must be a whole number"
                            + (path.endsWith("unitAmount") || path.endsWith("amount") ? " of minor units (cents for usd)" : "")
                            + ". Got: " + node);
                }
                return schema.getType() == Schema.Type.INT ? (Object) node.intValue() : (Object) node.longValue();
            default:
                throw new IllegalStateException("The JSON form does not read Avro " + schema.getType() + " (" + path + ")");
        }
    }

    private static GenericData.Record record(JsonNode node, Schema schema, String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidOrderException(path, node, path + " must be an object. Got: " + node);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new InvalidOrderException(prefix + name, object.get(name), "unknown field '" + prefix + name
                        + "'; known fields are " + schema.getFields().stream().map(Schema.Field::name).sorted().toList());
            }
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = object.get(field.name());
            if (value == null && field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else if (value == null) {
                throw new InvalidOrderException(prefix + field.name(), null, prefix + field.name() + " is required");
            } else {
                record.put(field.pos(), value(value, field.schema(), prefix + field.name()));
            }
        }
        return record;
    }

    private static String text(JsonNode node, String path) {
        if (node.getNodeType() != JsonNodeType.STRING) {
            throw new InvalidOrderException(path, node, path + " must be a string. Got: " + node);
        }
        return node.asText();
    }
}
