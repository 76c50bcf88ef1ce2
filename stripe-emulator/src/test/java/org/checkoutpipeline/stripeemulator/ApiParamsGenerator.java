package org.checkoutpipeline.stripeemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.annotations.SerializedName;
import com.stripe.Stripe;
import com.stripe.net.ApiRequestParams;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.CouponListParams;
import com.stripe.param.CouponUpdateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeListParams;
import com.stripe.param.PromotionCodeUpdateParams;
import com.stripe.param.ShippingRateCreateParams;
import com.stripe.param.ShippingRateListParams;
import com.stripe.param.ShippingRateUpdateParams;
import com.stripe.param.TaxRateCreateParams;
import com.stripe.param.TaxRateListParams;
import com.stripe.param.TaxRateUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionUpdateParams;
import com.stripe.param.common.EmptyParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the emulator's parameter definitions ({@code api/stripe-params.json} in the main
 * resources) from machine-readable descriptions of API {@code 2026-07-29.dahlia}:
 *
 * <ul>
 *   <li>the Checkout Session operations from Stripe's OpenAPI spec (the extract in
 *       {@code stripe-reference/}), verbatim but for descriptions and titles;
 *   <li>what that extract leaves out ({@code payment_method_options}) and every other resource from
 *       stripe-java 33.3.0's generated request classes, whose {@code @SerializedName} fields,
 *       {@code EnumParam} values and builder overloads are generated from the same spec.
 * </ul>
 *
 * <p>Run {@code mvn -pl stripe-emulator test-compile exec:java@api-params} after changing the
 * list below; {@code ApiParamsTest} fails while the committed file differs from what this writes.
 */
public final class ApiParamsGenerator {

    static final Path OUTPUT = Path.of("src/main/resources/org/checkoutpipeline/stripeemulator/api/"
            + "stripe-params.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Operations described by stripe-java's request classes: one line per operation. */
    private static final Map<String, Class<? extends ApiRequestParams>> FROM_STRIPE_JAVA = ordered(
            "POST /v1/checkout/sessions/{session}", SessionUpdateParams.class,
            "POST /v1/products", ProductCreateParams.class,
            "POST /v1/products/{id}", ProductUpdateParams.class,
            "GET /v1/products", ProductListParams.class,
            "POST /v1/prices", PriceCreateParams.class,
            "POST /v1/prices/{price}", PriceUpdateParams.class,
            "GET /v1/prices", PriceListParams.class,
            "POST /v1/customers", CustomerCreateParams.class,
            "POST /v1/customers/{customer}", CustomerUpdateParams.class,
            "GET /v1/customers", CustomerListParams.class,
            "POST /v1/coupons", CouponCreateParams.class,
            "POST /v1/coupons/{coupon}", CouponUpdateParams.class,
            "GET /v1/coupons", CouponListParams.class,
            "POST /v1/promotion_codes", PromotionCodeCreateParams.class,
            "POST /v1/promotion_codes/{promotion_code}", PromotionCodeUpdateParams.class,
            "GET /v1/promotion_codes", PromotionCodeListParams.class,
            "POST /v1/shipping_rates", ShippingRateCreateParams.class,
            "POST /v1/shipping_rates/{shipping_rate_token}", ShippingRateUpdateParams.class,
            "GET /v1/shipping_rates", ShippingRateListParams.class,
            "POST /v1/tax_rates", TaxRateCreateParams.class,
            "POST /v1/tax_rates/{tax_rate}", TaxRateUpdateParams.class,
            "GET /v1/tax_rates", TaxRateListParams.class,
            "POST /v1/payment_intents/{intent}/capture", PaymentIntentCaptureParams.class,
            "POST /v1/payment_intents/{intent}/cancel", PaymentIntentCancelParams.class);

    private ApiParamsGenerator() {}

    /** @param args the module's folder, when not run from it */
    public static void main(String[] args) throws IOException {
        Path file = (args.length > 0 ? Path.of(args[0]) : Path.of("")).resolve(OUTPUT);
        Files.writeString(file, render());
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /** The file's whole text. */
    static String render() throws IOException {
        JsonNode extract;
        try (InputStream in = ApiParamsGenerator.class.getResourceAsStream(
                "/stripe-reference/checkout-session-openapi-extract.json")) {
            extract = JSON.readTree(in);
        }
        ObjectNode root = NODES.objectNode();
        root.put("api_version", Stripe.API_VERSION);
        root.put("source", "Generated by stripe-emulator's ApiParamsGenerator (test sources) from"
                + " Stripe's OpenAPI spec extract (stripe-reference/checkout-session-openapi-extract.json)"
                + " and stripe-java " + Stripe.VERSION + "'s request classes. Do not edit by hand.");
        ObjectNode operations = root.putObject("operations");

        ObjectNode create = (ObjectNode) clean(extract.at("/paths/~1v1~1checkout~1sessions/post"
                + "/requestBody/content/application~1x-www-form-urlencoded/schema"));
        ((ObjectNode) create.get("properties")).set("payment_method_options",
                schemaOf(SessionCreateParams.PaymentMethodOptions.class));
        operations.set("POST /v1/checkout/sessions", create);
        operations.set("GET /v1/checkout/sessions",
                queryParameters(extract.at("/paths/~1v1~1checkout~1sessions/get/parameters")));
        operations.set("GET /v1/checkout/sessions/{session}/line_items", queryParameters(
                extract.at("/paths/~1v1~1checkout~1sessions~1{session}~1line_items/get/parameters")));
        FROM_STRIPE_JAVA.forEach((operation, type) -> operations.set(operation, schemaOf(type)));
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ObjectNode queryParameters(JsonNode parameters) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (JsonNode parameter : parameters) {
            if ("query".equals(parameter.path("in").asText())) {
                properties.set(parameter.get("name").asText(), clean(parameter.get("schema")));
            }
        }
        return schema;
    }

    /** The schema without prose: descriptions, titles and vendor notes. */
    private static JsonNode clean(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(clean(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey();
            if (key.equals("description") || key.equals("title") || key.startsWith("x-")) {
                continue;
            }
            if (key.equals("properties")) {
                ObjectNode properties = copy.putObject("properties");
                field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(),
                        clean(p.getValue())));
            } else {
                copy.set(key, clean(field.getValue()));
            }
        }
        return copy;
    }

    /** An object schema from a stripe-java request class: each serialized field, sorted by name. */
    static ObjectNode schemaOf(Class<?> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        var properties = new TreeMap<String, JsonNode>();
        for (Field field : type.getDeclaredFields()) {
            SerializedName name = field.getAnnotation(SerializedName.class);
            if (name == null || Modifier.isStatic(field.getModifiers())
                    || name.value().equals(ApiRequestParams.EXTRA_PARAMS_KEY)) {
                continue;
            }
            boolean severalShapes = field.getType() == Object.class
                    || field.getType() == ApiRequestParams.EnumParam.class;
            properties.put(name.value(), severalShapes ? union(type, field.getName())
                    : schemaOf(field.getGenericType()));
        }
        ObjectNode props = schema.putObject("properties");
        properties.forEach(props::set);
        return schema;
    }

    private static JsonNode schemaOf(Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0]));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = NODES.objectNode().put("type", "object");
                map.set("additionalProperties", arguments[1] == String.class
                        ? NODES.objectNode().put("type", "string") : NODES.objectNode());
                return map;
            }
            throw new IllegalStateException("unexpected generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (c == Long.class || c == Integer.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (c == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (c == BigDecimal.class) {
            return NODES.objectNode().put("format", "decimal").put("type", "string");
        }
        if (c.isEnum() && ApiRequestParams.EnumParam.class.isAssignableFrom(c)) {
            ObjectNode string = NODES.objectNode();
            ArrayNode values = string.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((ApiRequestParams.EnumParam) constant).getValue());
            }
            string.put("type", "string");
            return string;
        }
        if (c.getName().startsWith("com.stripe.param.")) {
            return schemaOf(c);
        }
        throw new IllegalStateException("unexpected parameter type " + c);
    }

    /**
     * A field declared {@code Object} accepts several shapes; its builder's {@code setX} overloads
     * say which (for example a string or {@link EmptyParam}, which is {@code ""} on the wire).
     */
    private static JsonNode union(Class<?> owner, String fieldName) {
        Class<?> builder = builderOf(owner);
        String setter = "set" + Character.toUpperCase(fieldName.charAt(0)) + fieldName.substring(1);
        var alternatives = new LinkedHashMap<String, JsonNode>();
        for (Method method : builder.getMethods()) {
            if (!method.getName().equals(setter) || method.getParameterCount() != 1) {
                continue;
            }
            Type parameter = method.getGenericParameterTypes()[0];
            JsonNode schema = parameter == EmptyParam.class
                    ? NODES.objectNode().set("enum", NODES.arrayNode().add("")).deepCopy()
                    : schemaOf(parameter);
            if (schema.isObject() && parameter == EmptyParam.class) {
                ((ObjectNode) schema).put("type", "string");
            }
            alternatives.put(schema.toString(), schema);
        }
        if (alternatives.isEmpty()) {
            throw new IllegalStateException("no setter " + setter + " on " + builder);
        }
        var sorted = new ArrayList<>(new TreeMap<>(alternatives).values());
        if (sorted.size() == 1) {
            return sorted.get(0);
        }
        ObjectNode anyOf = NODES.objectNode();
        ArrayNode list = anyOf.putArray("anyOf");
        sorted.forEach(list::add);
        return anyOf;
    }

    private static Class<?> builderOf(Class<?> owner) {
        for (Class<?> nested : owner.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Builder")) {
                return nested;
            }
        }
        throw new IllegalStateException("no builder in " + owner);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, V>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
