package org.checkoutpipeline.stripeemulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The subset of OpenAPI 3.0 schema checks Stripe's specification needs: {@code type},
 * {@code nullable}, {@code enum}, {@code required}, {@code properties}, {@code items},
 * {@code anyOf}, {@code maxLength} and {@code $ref} into {@code #/components/schemas}. References
 * are looked up in the current specification first, then the older sub-schemas; a reference found
 * in neither (objects outside the extract, such as {@code customer}) accepts any object. For
 * schemas of the current specification, a property it does not declare is a problem too.
 */
final class SchemaValidator {

    private final JsonNode current;
    private final JsonNode older;

    SchemaValidator(JsonNode current, JsonNode older) {
        this.current = current.get("components").get("schemas");
        this.older = older.get("components").get("schemas");
    }

    JsonNode schema(String name) {
        JsonNode schema = current.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    List<String> validate(JsonNode value, JsonNode schema, String path) {
        var problems = new ArrayList<String>();
        check(value, schema, path, problems, true);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> problems,
            boolean strict) {
        if (schema == null || schema.isMissingNode()) {
            problems.add(path + ": no schema");
            return;
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            if (current.has(name)) {
                check(value, current.get(name), path, problems, true);
            } else if (older.has(name)) {
                check(value, older.get(name), path, problems, false);
            } else if (!value.isObject() && !value.isNull()) {
                problems.add(path + ": expected an object for " + name + ", got " + value);
            }
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(path + ": null but not nullable");
            }
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (validate(value, option, path).isEmpty()) {
                    return;
                }
            }
            problems.add(path + ": matches none of anyOf: " + value);
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
        if (!typeOk) {
            problems.add(path + ": expected " + type + ", got " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("maxLength") && value.isTextual()
                && value.asText().length() > schema.get("maxLength").asInt()) {
            problems.add(path + ": longer than " + schema.get("maxLength"));
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems, strict);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(path + ": missing required " + required.asText());
                }
            }
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                Iterator<String> names = value.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (properties.has(name)) {
                        check(value.get(name), properties.get(name), path + "." + name, problems, strict);
                    } else if (strict && !schema.has("additionalProperties")) {
                        problems.add(path + ": property " + name + " is not in the schema");
                    }
                }
            }
        }
    }
}
