package org.checkoutpipeline.stripeemulator.catalog;

import java.util.Map;

/**
 * A fixed-amount Shipping Rate ({@code POST /v1/shipping_rates}).
 *
 * @param estimate the delivery estimate, or null
 */
public record ShippingRate(String id, long created, String displayName, long amount, String currency,
        String taxBehavior, String taxCode, boolean active, DeliveryEstimate estimate,
        Map<String, String> metadata) {

    /** Stripe's {@code delivery_estimate}: each bound a unit and a value, or null. */
    public record DeliveryEstimate(String minimumUnit, Long minimumValue, String maximumUnit, Long maximumValue) {}

    public ShippingRate with(boolean newActive, String newTaxBehavior, Map<String, String> newMetadata) {
        return new ShippingRate(id, created, displayName, amount, currency, newTaxBehavior, taxCode, newActive,
                estimate, newMetadata);
    }
}
