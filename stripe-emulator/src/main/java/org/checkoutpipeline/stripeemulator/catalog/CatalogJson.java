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

    /** @param expandAppliesTo whether the includable {@code applies_to} is included */
    public static Map<String, Object> coupon(Coupon c, long now, boolean expandAppliesTo) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", c.id());
        json.put("object", "coupon");
        json.put("amount_off", c.amountOff());
        if (expandAppliesTo) {
            json.put("applies_to", Map.of("products", c.appliesToProducts() == null ? List.of()
                    : c.appliesToProducts()));
        }
        json.put("created", c.created());
        json.put("currency", c.currency());
        json.put("duration", c.duration());
        json.put("duration_in_months", c.durationInMonths());
        json.put("livemode", false);
        json.put("max_redemptions", c.maxRedemptions());
        json.put("metadata", new TreeMap<>(c.metadata()));
        json.put("name", c.name());
        json.put("percent_off", c.percentOff());
        json.put("redeem_by", c.redeemBy());
        json.put("times_redeemed", c.timesRedeemed());
        json.put("valid", c.valid(now));
        return json;
    }

    /** @param coupon the coupon id, or the expanded coupon */
    public static Map<String, Object> promotionCode(PromotionCode p, Object coupon) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", p.id());
        json.put("object", "promotion_code");
        json.put("active", p.active());
        json.put("code", p.code());
        json.put("created", p.created());
        json.put("customer", p.customer());
        json.put("customer_account", null);
        json.put("expires_at", p.expiresAt());
        json.put("livemode", false);
        json.put("max_redemptions", p.maxRedemptions());
        json.put("metadata", new TreeMap<>(p.metadata()));
        var promotion = new LinkedHashMap<String, Object>();
        promotion.put("coupon", coupon);
        promotion.put("type", "coupon");
        json.put("promotion", promotion);
        var restrictions = new LinkedHashMap<String, Object>();
        restrictions.put("first_time_transaction", p.firstTimeTransaction());
        restrictions.put("minimum_amount", p.minimumAmount());
        restrictions.put("minimum_amount_currency", p.minimumAmountCurrency());
        json.put("restrictions", restrictions);
        json.put("times_redeemed", p.timesRedeemed());
        return json;
    }

    public static Map<String, Object> taxRate(TaxRate t) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", t.id());
        json.put("object", "tax_rate");
        json.put("active", t.active());
        json.put("country", t.country());
        json.put("created", t.created());
        json.put("description", t.description());
        json.put("display_name", t.displayName());
        json.put("effective_percentage", t.percentage());
        json.put("flat_amount", null);
        json.put("inclusive", t.inclusive());
        json.put("jurisdiction", t.jurisdiction());
        json.put("jurisdiction_level", null);
        json.put("livemode", false);
        json.put("metadata", new TreeMap<>(t.metadata()));
        json.put("percentage", t.percentage());
        json.put("rate_type", "percentage");
        json.put("state", t.state());
        json.put("tax_type", t.taxType());
        return json;
    }

    public static Map<String, Object> shippingRate(ShippingRate r) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", r.id());
        json.put("object", "shipping_rate");
        json.put("active", r.active());
        json.put("created", r.created());
        ShippingRate.DeliveryEstimate e = r.estimate();
        if (e == null) {
            json.put("delivery_estimate", null);
        } else {
            var estimate = new LinkedHashMap<String, Object>();
            estimate.put("maximum", e.maximumUnit() == null ? null
                    : Map.of("unit", e.maximumUnit(), "value", e.maximumValue()));
            estimate.put("minimum", e.minimumUnit() == null ? null
                    : Map.of("unit", e.minimumUnit(), "value", e.minimumValue()));
            json.put("delivery_estimate", estimate);
        }
        json.put("display_name", r.displayName());
        var fixed = new LinkedHashMap<String, Object>();
        fixed.put("amount", r.amount());
        fixed.put("currency", r.currency());
        json.put("fixed_amount", fixed);
        json.put("livemode", false);
        json.put("metadata", new TreeMap<>(r.metadata()));
        json.put("tax_behavior", r.taxBehavior());
        json.put("tax_code", r.taxCode());
        json.put("type", "fixed_amount");
        return json;
    }
}
