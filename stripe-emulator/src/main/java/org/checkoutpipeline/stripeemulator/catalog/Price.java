package org.checkoutpipeline.stripeemulator.catalog;

import java.util.Map;

/**
 * A Price of the merchant's catalog ({@code POST /v1/prices}): a per-unit amount, one-time or
 * recurring.
 *
 * @param unitAmount the integer unit amount, or null when only a fractional decimal was given
 * @param interval {@code day|week|month|year} for a recurring price, null for a one-time price
 */
public record Price(String id, long created, String product, boolean active, String currency,
        Long unitAmount, String unitAmountDecimal, String interval, int intervalCount,
        String lookupKey, String nickname, String taxBehavior, Map<String, String> metadata) {

    public boolean recurring() {
        return interval != null;
    }

    public String type() {
        return recurring() ? "recurring" : "one_time";
    }
}
