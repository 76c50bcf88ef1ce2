package org.checkoutpipeline.stripeemulator.catalog;

import java.util.Map;

/**
 * A customer-facing code for a Coupon ({@code POST /v1/promotion_codes}), with Stripe's
 * restrictions.
 *
 * @param minimumAmount the order subtotal it needs, in {@code minimumAmountCurrency}, or null
 */
public record PromotionCode(String id, long created, String code, String coupon, boolean active,
        String customer, Long expiresAt, Long maxRedemptions, long timesRedeemed,
        boolean firstTimeTransaction, Long minimumAmount, String minimumAmountCurrency,
        Map<String, String> metadata) {

    public PromotionCode with(boolean newActive, Map<String, String> newMetadata) {
        return new PromotionCode(id, created, code, coupon, newActive, customer, expiresAt, maxRedemptions,
                timesRedeemed, firstTimeTransaction, minimumAmount, minimumAmountCurrency, newMetadata);
    }

    public PromotionCode redeemed() {
        return new PromotionCode(id, created, code, coupon, active, customer, expiresAt, maxRedemptions,
                timesRedeemed + 1, firstTimeTransaction, minimumAmount, minimumAmountCurrency, metadata);
    }
}
