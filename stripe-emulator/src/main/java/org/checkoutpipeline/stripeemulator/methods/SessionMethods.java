package org.checkoutpipeline.stripeemulator.methods;

import java.util.List;
import java.util.Map;

/**
 * The payment methods a Checkout Session offers and how it was asked for them.
 *
 * @param types what the page offers ({@code payment_method_types} of the session), in order
 * @param dynamic whether they come from the payment method configuration (no {@code payment_method_types})
 * @param allowed {@code allowed_payment_method_types} as given (API endive), or null
 * @param excluded {@code excluded_payment_method_types} as given, or null
 * @param options per method type, the {@code payment_method_options} the session reports
 *     (what was given, with Stripe's defaults such as a voucher's {@code expires_after_days})
 */
public record SessionMethods(List<String> types, boolean dynamic, List<String> allowed, List<String> excluded,
        Map<String, Map<String, Object>> options) {

    /** The card-only selection sessions had before payment methods were chosen; for tests and defaults. */
    public static final SessionMethods CARD = new SessionMethods(List.of("card"), false, null, null, Map.of());

    public boolean offers(String type) {
        return types.contains(type);
    }

    /** A voucher's days to pay ({@code payment_method_options[type][expires_after_days]}). */
    public int expiresAfterDays(String type) {
        Object days = options.getOrDefault(type, Map.of()).get("expires_after_days");
        return days instanceof Number n ? n.intValue() : MethodSelection.DEFAULT_VOUCHER_DAYS;
    }
}
