package org.checkoutpipeline.stripeemulator.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A Coupon ({@code POST /v1/coupons}): a percentage or a fixed amount off. Its terms never change
 * after creation (Stripe lets only {@code name} and {@code metadata} be updated).
 *
 * @param percentOff the percentage off (0-100], or null for an amount off
 * @param amountOff the amount off in {@code currency}'s minor unit, or null for a percentage
 * @param appliesToProducts the only products it discounts, or null for all
 */
public record Coupon(String id, long created, String name, BigDecimal percentOff, Long amountOff,
        String currency, String duration, Long durationInMonths, Long maxRedemptions, Long redeemBy,
        long timesRedeemed, List<String> appliesToProducts, Map<String, String> metadata) {

    /** Whether it can still be redeemed at {@code now}: not past {@code redeem_by} or its redemptions. */
    public boolean valid(long now) {
        return (redeemBy == null || now < redeemBy) && (maxRedemptions == null || timesRedeemed < maxRedemptions);
    }

    public boolean appliesTo(String productId) {
        return appliesToProducts == null || appliesToProducts.contains(productId);
    }

    public Coupon redeemed() {
        return new Coupon(id, created, name, percentOff, amountOff, currency, duration, durationInMonths,
                maxRedemptions, redeemBy, timesRedeemed + 1, appliesToProducts, metadata);
    }
}
