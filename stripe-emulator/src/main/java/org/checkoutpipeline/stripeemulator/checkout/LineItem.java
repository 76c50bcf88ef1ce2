package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;

/**
 * One line item: a catalog price ({@code line_items[n][price]}) or an ad-hoc one
 * ({@code line_items[n][price_data]}), whose terms are copied here. The ids of the line item and of
 * an ad-hoc price and product are derived from the session id and the item's index when rendered,
 * so they cost no memory here.
 *
 * @param priceId the catalog price, or null for an ad-hoc price
 * @param productId the catalog product ({@code price_data[product]} or the price's), or null for an
 *     ad-hoc product ({@code product_data})
 * @param unitAmount the integer unit amount, or null when only a fractional decimal was given
 * @param unitAmountDecimal the unit amount as Stripe's decimal string (always present)
 * @param interval recurring interval ({@code day|week|month|year}) or null for one-time prices
 * @param taxBehavior the price's {@code tax_behavior}: {@code exclusive}, {@code inclusive} or
 *     {@code unspecified}
 * @param amountTotal the line's subtotal: unit amount times quantity, before discounts and tax
 * @param taxRates the line's {@code tax_rates}, in the order given (empty for none)
 * @param adjustable {@code adjustable_quantity} when enabled, else null
 * @param adHocProduct an ad-hoc product's {@code images} and {@code metadata}; {@link AdHocProduct#NONE} otherwise
 */
public record LineItem(
        String priceId,
        String productId,
        String productName,
        String productDescription,
        String currency,
        Long unitAmount,
        String unitAmountDecimal,
        long quantity,
        long amountTotal,
        String interval,
        int intervalCount,
        String taxBehavior,
        List<TaxRate> taxRates,
        AdjustableQuantity adjustable,
        AdHocProduct adHocProduct) {

    /** {@code adjustable_quantity}: the customer may choose a quantity from minimum to maximum. */
    public record AdjustableQuantity(long minimum, long maximum) {}

    /** What {@code price_data[product_data]} gives an ad-hoc product beyond its name and description. */
    public record AdHocProduct(List<String> images, java.util.Map<String, String> metadata) {
        public static final AdHocProduct NONE = new AdHocProduct(List.of(), java.util.Map.of());
    }

    /** The same line with another quantity (the customer's choice), its subtotal recomputed. */
    public LineItem withQuantity(long newQuantity) {
        long subtotal = new java.math.BigDecimal(unitAmountDecimal).multiply(java.math.BigDecimal.valueOf(newQuantity))
                .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        return new LineItem(priceId, productId, productName, productDescription, currency, unitAmount,
                unitAmountDecimal, newQuantity, subtotal, interval, intervalCount, taxBehavior, taxRates, adjustable,
                adHocProduct);
    }

    public boolean recurring() {
        return interval != null;
    }
}
