package org.checkoutpipeline.stripeemulator.catalog;

import java.util.function.UnaryOperator;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.Params;

/**
 * Reads a fixed-amount shipping rate, from {@code POST /v1/shipping_rates} or from Checkout's
 * {@code shipping_options[n][shipping_rate_data]}, which take the same parameters.
 */
public final class ShippingRates {

    private ShippingRates() {}

    public static ShippingRate parse(Params p, String prefix, String id, long created, PriceRules prices,
            UnaryOperator<String> intern) {
        String type = p.nonEmptyString("type", prefix);
        if (type != null && !type.equals("fixed_amount")) {
            throw ApiError.invalidEnum(Params.path(prefix, "type"), type, java.util.List.of("fixed_amount"));
        }
        Params fixed = p.object("fixed_amount", prefix);
        String fixedPrefix = Params.path(prefix, "fixed_amount");
        if (fixed == null || fixed.isEmpty()) {
            throw ApiError.invalid("parameter_missing", fixedPrefix, "Missing required param: " + fixedPrefix
                    + ". Fixed-amount shipping rates need fixed_amount[amount] and fixed_amount[currency].");
        }
        Long amount = fixed.integer("amount", fixedPrefix);
        if (amount == null) {
            throw ApiError.parameterMissing(fixedPrefix + "[amount]");
        }
        if (amount < 0) {
            throw ApiError.invalid("parameter_invalid_integer", fixedPrefix + "[amount]", "Invalid "
                    + fixedPrefix + "[amount]: must be greater than or equal to 0 (it is " + amount + ")");
        }
        String currency = prices.currency(fixed.requiredString("currency", fixedPrefix), fixedPrefix + "[currency]");
        ShippingRate.DeliveryEstimate estimate = null;
        Params delivery = p.object("delivery_estimate", prefix);
        if (delivery != null && !delivery.isEmpty()) {
            String deliveryPrefix = Params.path(prefix, "delivery_estimate");
            Params min = delivery.object("minimum", deliveryPrefix);
            Params max = delivery.object("maximum", deliveryPrefix);
            estimate = new ShippingRate.DeliveryEstimate(
                    min == null ? null : min.requiredString("unit", deliveryPrefix + "[minimum]"),
                    min == null ? null : min.integer("value", deliveryPrefix + "[minimum]"),
                    max == null ? null : max.requiredString("unit", deliveryPrefix + "[maximum]"),
                    max == null ? null : max.integer("value", deliveryPrefix + "[maximum]"));
        }
        String taxBehavior = p.nonEmptyString("tax_behavior", prefix);
        String taxCode = p.nonEmptyString("tax_code", prefix);
        return new ShippingRate(id, created, p.requiredString("display_name", prefix), amount,
                intern.apply(currency), taxBehavior == null ? "unspecified" : taxBehavior.intern(), taxCode, true,
                estimate, Metadata.parse(p.object("metadata", prefix), Params.path(prefix, "metadata"), intern));
    }
}
