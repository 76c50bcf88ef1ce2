package org.checkoutpipeline.orderproducer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.schemas.order.InvalidOrderException;

/**
 * The JSON form of an order, as the {@code publish} command reads it (see the module README):
 *
 * <pre>{@code
 * {"orderId": "ord_1001", "mode": "payment", "currency": "usd", "customerEmail": "ada@example.com",
 *  "lineItems": [{"name": "T-shirt", "unitAmount": 2000, "quantity": 2, "sku": "TS-M"},
 *                {"priceId": "price_1Mug", "quantity": 1}],
 *  "successUrl": "https://shop.example/ok?session={CHECKOUT_SESSION_ID}", "cancelUrl": "https://shop.example/cart",
 *  "checkout": {"allowPromotionCodes": true, "shippingCountries": ["DE", "AT"], "automaticTax": true}}
 * }</pre>
 *
 * <p>{@code eventId} defaults to a random {@code evt_} id, {@code placedAt} to now. A line item and
 * {@code checkout} take the fields of {@code LineItem} and {@code CheckoutOptions} in the schemas, by
 * their names, with their defaults (enum values in any case). Unknown fields are refused so a misspelt
 * one is not silently dropped.
 */
public final class OrderJson {

    private static final Set<String> ORDER_FIELDS = Set.of("orderId", "eventId", "mode", "currency", "customerEmail",
            "customerId", "lineItems", "successUrl", "cancelUrl", "metadata", "checkoutLifetimeSeconds", "placedAt",
            "checkout");

    private final Clock clock;

    public OrderJson(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads one order.
     *
     * @throws InvalidOrderException naming the field and value that are missing, unknown or of the wrong type
     */
    public OrderPlaced read(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidOrderException("(order)", json, "an order must be a JSON object. Got: " + json.getNodeType());
        }
        onlyKnown(object, ORDER_FIELDS, "");
        Instant now = clock.instant();
        String placedAt = optionalText(object, "placedAt");
        return OrderPlaced.newBuilder()
                .setEventId(orDefault(optionalText(object, "eventId"), "evt_" + UUID.randomUUID().toString().replace("-", "")))
                .setOrderId(requiredText(object, "orderId"))
                .setOccurredAt(now)
                .setPlacedAt(placedAt == null ? now : instant("placedAt", placedAt))
                .setCustomerEmail(optionalText(object, "customerEmail"))
                .setCustomerId(optionalText(object, "customerId"))
                .setMode(mode(requiredText(object, "mode")))
                .setCurrency(requiredText(object, "currency"))
                .setLineItems(lineItems(object.get("lineItems")))
                .setSuccessUrl(orDefault(optionalText(object, "successUrl"), ""))
                .setCancelUrl(orDefault(optionalText(object, "cancelUrl"), ""))
                .setMetadata(metadata(object.get("metadata")))
                .setCheckoutLifetimeSeconds(optionalLong(object, "checkoutLifetimeSeconds", "checkoutLifetimeSeconds"))
                .setCheckout(object.get("checkout") == null || object.get("checkout").isNull() ? null
                        : AvroJson.read(object.get("checkout"), CheckoutOptions.class, CheckoutOptions.getClassSchema(), "checkout"))
                .build();
    }

    private static List<LineItem> lineItems(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidOrderException("lineItems", node, "lineItems must be an array. Got: " + node);
        }
        List<LineItem> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(AvroJson.read(node.get(i), LineItem.class, LineItem.getClassSchema(), "lineItems[" + i + "]"));
        }
        return items;
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw new InvalidOrderException("metadata", node, "metadata must be an object of strings. Got: " + node);
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw new InvalidOrderException("metadata['" + entry.getKey() + "']", entry.getValue(),
                        "metadata['" + entry.getKey() + "'] must be a string. Got: " + entry.getValue());
            }
            metadata.put(entry.getKey(), entry.getValue().asText());
        });
        return metadata;
    }

    private static CheckoutMode mode(String mode) {
        try {
            return CheckoutMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOrderException("mode", mode, "mode must be payment, subscription or setup. Got: '" + mode + "'");
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidOrderException(field, text,
                    field + " must be an ISO-8601 instant such as 2026-03-01T09:00:00Z. Got: '" + text + "'");
        }
    }

    private static void onlyKnown(ObjectNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidOrderException(prefix + name, object.get(name), "unknown field '" + prefix + name
                        + "'; known fields are " + known.stream().sorted().toList());
            }
        }
    }

    private static String requiredText(ObjectNode object, String name) {
        return requiredText(object, name, name);
    }

    private static String requiredText(ObjectNode object, String name, String path) {
        String value = text(object, name, path);
        if (value == null) {
            throw new InvalidOrderException(path, null, path + " is required");
        }
        return value;
    }

    private static String optionalText(ObjectNode object, String name) {
        return text(object, name, name);
    }

    private static String text(ObjectNode object, String name, String path) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.getNodeType() != JsonNodeType.STRING) {
            throw new InvalidOrderException(path, node, path + " must be a string. Got: " + node);
        }
        return node.asText();
    }

    private static Long optionalLong(ObjectNode object, String name, String path) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidOrderException(path, node, path + " must be a whole number"
                    + (name.equals("unitAmount") ? " of minor units (cents for usd)" : "") + ". Got: " + node);
        }
        return node.asLong();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
