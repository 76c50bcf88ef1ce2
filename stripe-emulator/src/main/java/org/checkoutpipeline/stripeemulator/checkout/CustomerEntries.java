package org.checkoutpipeline.stripeemulator.checkout;

import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;

/**
 * Checks what a customer entered on the payment page (or sent to the completion control) against
 * what the session asks for, as Stripe's page does: a shipping address in an allowed country when
 * {@code shipping_address_collection} is set, one of the session's shipping options, a promotion code
 * only when {@code allow_promotion_codes} is. Refusals name the field.
 */
final class CustomerEntries {

    /** The session's options and what was collected, once the entries are accepted. */
    record Accepted(SessionOptions options, Collected collected) {}

    private final EmulatorStore store;
    private final Discounts discounts;

    CustomerEntries(EmulatorStore store) {
        this.store = store;
        this.discounts = new Discounts(store);
    }

    /** @param toPay whether the customer is paying now, so everything the session asks for is required */
    Accepted accept(CheckoutSession s, CompletionService.Payer payer, long now, boolean toPay) {
        SessionOptions options = s.options();
        ShippingRate rate = null;
        if (payer.shippingRate() != null) {
            rate = options.shippingOptions().stream().filter(r -> r.id().equals(payer.shippingRate()))
                    .findFirst().orElseThrow(() -> ApiError.invalid(null, "shipping_rate", "The shipping rate "
                            + payer.shippingRate() + " is not one of this session's shipping options."));
        }
        Address.Shipping shipping = payer.shipping();
        if (options.collectsShippingAddress()) {
            if (toPay || shipping != null && shipping.address() != null && shipping.address().country() != null) {
                shipping = requireShipping(shipping, options, toPay);
            }
        } else if (shipping != null) {
            throw ApiError.invalid(null, "shipping", "This session does not collect a shipping address"
                    + " (no shipping_address_collection).");
        }
        if (payer.promotionCode() != null) {
            if (!options.allowPromotionCodes()) {
                throw ApiError.invalid(null, "promotion_code", "This session does not accept promotion codes"
                        + " (allow_promotion_codes is not set).");
            }
            PromotionCode code = discounts.activeCode(payer.promotionCode());
            if (code == null) {
                throw ApiError.invalid(null, "promotion_code", "This code is invalid: "
                        + payer.promotionCode());
            }
            long subtotal = s.lineItems().stream().mapToLong(LineItem::amountTotal).sum();
            options = options.withDiscount(discounts.promotionCode(code, s.currency(), subtotal,
                    s.customerId(), now, "promotion_code"));
        }
        Collected collected = rate == null && shipping == null ? Collected.NONE : new Collected(rate, shipping);
        return new Accepted(options, collected);
    }

    /** Counts the redemption of the discount a completed session used. */
    void redeem(SessionOptions options) {
        discounts.redeem(options.discount());
    }

    private static Address.Shipping requireShipping(Address.Shipping shipping, SessionOptions options,
            boolean complete) {
        Address a = shipping == null ? null : shipping.address();
        if (a != null && a.country() != null && !options.shippingCountries().contains(a.country())) {
            throw ApiError.invalid(null, "shipping[address][country]", "This session ships to "
                    + String.join(", ", options.shippingCountries()) + " only (the country is "
                    + a.country() + ").");
        }
        if (!complete) {
            return shipping;
        }
        if (shipping == null || shipping.address() == null) {
            throw ApiError.invalid("parameter_missing", "shipping[address][line1]",
                    "This session collects a shipping address: shipping[name] and shipping[address] are required.");
        }
        if (shipping.name() == null || shipping.name().isBlank()) {
            throw ApiError.parameterMissing("shipping[name]");
        }
        if (a.line1() == null || a.line1().isBlank()) {
            throw ApiError.parameterMissing("shipping[address][line1]");
        }
        if (a.country() == null || !options.shippingCountries().contains(a.country())) {
            throw ApiError.invalid(null, "shipping[address][country]", "This session ships to "
                    + String.join(", ", options.shippingCountries()) + " only (the country is "
                    + a.country() + ").");
        }
        return shipping;
    }
}
