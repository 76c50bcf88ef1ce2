package org.checkoutpipeline.schemas.order;

import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.schemas.serde.EventRegistry;

/**
 * The two kinds of order line, built without naming every optional field:
 *
 * <pre>{@code
 * LineItems.inline("Coffee beans", 2_499, 2)                       // a price of the order's own
 * LineItems.inline("Coffee club", null, 1_500, 1, new Recurring(RecurringInterval.MONTH, 1))
 * LineItems.price("price_1QbeansKg", 2)                           // a Stripe catalog Price
 * }</pre>
 *
 * Each returns a builder-made {@link LineItem}; set {@code sku}, images, tax behaviour or an
 * adjustable quantity with {@code LineItem.newBuilder(item)}.
 */
public final class LineItems {

    static {
        // Avro 1.12 loads generated classes (for builder defaults and copies) only once trusted; trust the pipeline's.
        EventRegistry.standard();
    }

    /**
     * The Stripe product metadata key an inline line's {@code sku} travels in: the checkout worker
     * sets it on {@code price_data.product_data}, and the bridge reads it back from the charged line.
     */
    public static final String SKU_METADATA = "sku";

    private LineItems() {
    }

    /** An inline one-time price. */
    public static LineItem inline(String name, long unitAmount, long quantity) {
        return inline(name, null, unitAmount, quantity, null);
    }

    /** An inline price, recurring when {@code recurring} is set (subscription mode). */
    public static LineItem inline(String name, String description, long unitAmount, long quantity, Recurring recurring) {
        return LineItem.newBuilder().setName(name).setDescription(description).setUnitAmount(unitAmount)
                .setQuantity(quantity).setRecurring(recurring).build();
    }

    /** A Stripe catalog Price ({@code price_...}); Stripe supplies its product, amount and interval. */
    public static LineItem price(String priceId, long quantity) {
        return LineItem.newBuilder().setPriceId(priceId).setQuantity(quantity).build();
    }
}
