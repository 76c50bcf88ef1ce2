package org.checkoutpipeline.stripeemulator.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders Products and Prices as Stripe's {@code product} and {@code price} JSON. */
public final class CatalogJson {

    private CatalogJson() {}

    public static Map<String, Object> product(Product p) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", p.id());
        json.put("object", "product");
        json.put("active", p.active());
        json.put("created", p.created());
        json.put("default_price", null);
        json.put("description", p.description());
        json.put("images", p.images());
        json.put("livemode", false);
        json.put("marketing_features", List.of());
        json.put("metadata", new TreeMap<>(p.metadata()));
        json.put("name", p.name());
        json.put("package_dimensions", null);
        json.put("shippable", p.shippable());
        json.put("statement_descriptor", p.statementDescriptor());
        json.put("tax_code", p.taxCode());
        json.put("type", "service");
        json.put("unit_label", p.unitLabel());
        json.put("updated", p.updated());
        json.put("url", p.url());
        return json;
    }

    /** @param product the product id, or the expanded product */
    public static Map<String, Object> price(Price p, Object product) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", p.id());
        json.put("object", "price");
        json.put("active", p.active());
        json.put("billing_scheme", "per_unit");
        json.put("created", p.created());
        json.put("currency", p.currency());
        json.put("custom_unit_amount", null);
        json.put("livemode", false);
        json.put("lookup_key", p.lookupKey());
        json.put("metadata", new TreeMap<>(p.metadata()));
        json.put("nickname", p.nickname());
        json.put("product", product);
        json.put("recurring", recurring(p.interval(), p.intervalCount()));
        json.put("tax_behavior", p.taxBehavior());
        json.put("tiers_mode", null);
        json.put("transform_quantity", null);
        json.put("type", p.type());
        json.put("unit_amount", p.unitAmount());
        json.put("unit_amount_decimal", p.unitAmountDecimal());
        return json;
    }

    /** A price's {@code recurring} hash, or null for a one-time price. */
    public static Map<String, Object> recurring(String interval, int intervalCount) {
        if (interval == null) {
            return null;
        }
        var recurring = new LinkedHashMap<String, Object>();
        recurring.put("interval", interval);
        recurring.put("interval_count", intervalCount);
        recurring.put("meter", null);
        recurring.put("trial_period_days", null);
        recurring.put("usage_type", "licensed");
        return recurring;
    }
}
