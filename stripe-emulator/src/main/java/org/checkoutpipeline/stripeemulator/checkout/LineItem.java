package org.checkoutpipeline.stripeemulator.checkout;

/**
 * One line item with its ad-hoc price, as created from {@code line_items[n][price_data]}. The ids of
 * the line item, its price and its product are derived from the session id and the item's index
 * when rendered, so they cost no memory here.
 *
 * @param unitAmount the integer unit amount, or null when only a fractional decimal was given
 * @param unitAmountDecimal the unit amount as Stripe's decimal string (always present)
 * @param interval recurring interval ({@code day|week|month|year}) or null for one-time prices
 * @param taxBehavior the price's {@code tax_behavior}: {@code exclusive}, {@code inclusive} or
 *     {@code unspecified}
 */
public record LineItem(
        String productName,
        String productDescription,
        String currency,
        Long unitAmount,
        String unitAmountDecimal,
        long quantity,
        long amountTotal,
        String interval,
        int intervalCount,
        String taxBehavior) {

    public boolean recurring() {
        return interval != null;
    }
}
