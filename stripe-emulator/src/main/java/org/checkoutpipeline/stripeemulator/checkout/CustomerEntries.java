package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;

/**
 * Checks what a customer entered on the payment page (or sent to the completion control) against
 * what the session asks for, as Stripe's page does: a shipping address in an allowed country when
 * {@code shipping_address_collection} is set, one of the session's shipping options, a promotion code
 * only when {@code allow_promotion_codes} is. Refusals name the field.
 */
final class CustomerEntries {

    /** The session's options, what was collected and its lines (with chosen quantities), once accepted. */
    record Accepted(SessionOptions options, Collected collected, List<LineItem> lineItems) {}

    private final EmulatorStore store;
    private final AutomaticTax automaticTax;
    private final Discounts discounts;

    CustomerEntries(EmulatorStore store, AutomaticTax automaticTax) {
        this.store = store;
        this.automaticTax = automaticTax;
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
        Collected.Details details = details(options, payer.details(), toPay);
        TaxRate taxRate = null;
        if (options.automaticTax()) {
            taxRate = automaticTax.rateFor(taxLocation(s, shipping, details));
            if (toPay && taxRate == null) {
                throw ApiError.invalid("parameter_missing", "billing_address[country]", "Automatic tax needs the"
                        + " customer's location: a billing or shipping address with its country.");
            }
        }
        Collected collected = rate == null && shipping == null && details.equals(Collected.Details.NONE)
                && taxRate == null ? Collected.NONE : new Collected(rate, shipping, details, taxRate);
        return new Accepted(options, collected, withOptionalItems(s, quantities(s, payer.quantities()),
                payer.optionalItems()));
    }

    /** The lines plus the {@code optional_items} the customer added (a quantity of 0 adds nothing). */
    private static List<LineItem> withOptionalItems(CheckoutSession s, List<LineItem> lines, Map<Integer, Long> added) {
        if (added.isEmpty()) {
            return lines;
        }
        var items = new java.util.ArrayList<>(lines);
        List<LineItem> offered = s.options().optionalItems();
        for (var entry : added.entrySet()) {
            int index = entry.getKey();
            long quantity = entry.getValue();
            String param = "optional_items[" + index + "][quantity]";
            if (index < 0 || index >= offered.size()) {
                throw ApiError.invalid(null, param, "This session has no optional item " + index + ".");
            }
            LineItem item = offered.get(index);
            boolean allowed = quantity == 0 || quantity == item.quantity() || item.adjustable() != null
                    && quantity >= item.adjustable().minimum() && quantity <= item.adjustable().maximum();
            if (!allowed) {
                throw ApiError.invalid(null, param, "Optional item " + index + " can be added with quantity "
                        + (item.adjustable() == null ? Long.toString(item.quantity())
                        : item.adjustable().minimum() + "-" + item.adjustable().maximum()) + " (it is " + quantity + ").");
            }
            if (quantity > 0) {
                items.add(item.withQuantity(quantity));
            }
        }
        return List.copyOf(items);
    }

    /** The lines with the quantities the customer chose, where {@code adjustable_quantity} lets them. */
    private static List<LineItem> quantities(CheckoutSession s, Map<Integer, Long> chosen) {
        if (chosen.isEmpty()) {
            return s.lineItems();
        }
        var items = new java.util.ArrayList<>(s.lineItems());
        for (var entry : chosen.entrySet()) {
            int index = entry.getKey();
            String param = "line_items[" + index + "][quantity]";
            if (index < 0 || index >= items.size()) {
                throw ApiError.invalid(null, param, "This session has no line item " + index + ".");
            }
            LineItem item = items.get(index);
            if (item.adjustable() == null) {
                throw ApiError.invalid(null, param, "The quantity of line item " + index + " is not adjustable"
                        + " (no adjustable_quantity).");
            }
            long quantity = entry.getValue();
            if (quantity < item.adjustable().minimum() || quantity > item.adjustable().maximum()) {
                throw ApiError.invalid(null, param, "The quantity must be between " + item.adjustable().minimum()
                        + " and " + item.adjustable().maximum() + " (it is " + quantity + ").");
            }
            items.set(index, item.withQuantity(quantity));
        }
        if (items.stream().allMatch(i -> i.quantity() == 0)) {
            throw ApiError.invalid(null, "line_items", "At least one line item needs a quantity above 0.");
        }
        return List.copyOf(items);
    }

    /** Where the customer is taxed: the shipping address, else the billing address, else the Customer's. */
    private Address taxLocation(CheckoutSession s, Address.Shipping shipping, Collected.Details details) {
        if (shipping != null && shipping.address() != null && shipping.address().country() != null) {
            return shipping.address();
        }
        if (details.billingAddress() != null && details.billingAddress().country() != null) {
            return details.billingAddress();
        }
        var customer = s.customerId() == null ? null : store.customers().get(s.customerId());
        return customer == null ? null : customer.address();
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

    /**
     * The details the page asks for, checked as Stripe's page checks them when paying; what the
     * session does not ask for is refused rather than kept.
     */
    private static Collected.Details details(SessionOptions options, Collected.Details entered, boolean toPay) {
        PageFields fields = options.fields();
        Address billing = entered.billingAddress();
        if (billing != null && options.billingAddressMode() == null) {
            throw ApiError.invalid(null, "billing_address", "This session does not collect a billing address"
                    + " (no billing_address_collection).");
        }
        if (toPay && "required".equals(options.billingAddressMode())) {
            if (billing == null || blank(billing.line1()) || blank(billing.city()) || blank(billing.country())) {
                throw ApiError.invalid("parameter_missing", "billing_address[line1]", "This session requires"
                        + " a billing address: billing_address[line1], [city] and [country] are required.");
            }
        }
        if (entered.phone() != null && !fields.phone()) {
            throw ApiError.invalid(null, "phone", "This session does not collect a phone number.");
        }
        if (toPay && fields.phone() && blank(entered.phone())) {
            throw ApiError.parameterMissing("phone");
        }
        if (entered.phone() != null && !entered.phone().matches("\\+?[0-9 ()-]{6,20}")) {
            throw ApiError.invalid(null, "phone", "Your phone number is invalid: " + entered.phone());
        }
        boolean taxIds = fields.taxIds() != null && fields.taxIds().enabled();
        if (!entered.taxIds().isEmpty() && !taxIds) {
            throw ApiError.invalid(null, "tax_ids", "This session does not collect tax IDs.");
        }
        if (entered.businessName() != null && !fields.asksBusinessName()) {
            throw ApiError.invalid(null, "business_name", "This session does not collect a business name.");
        }
        if (entered.individualName() != null && fields.individualName() == null) {
            throw ApiError.invalid(null, "individual_name", "This session does not collect an individual name"
                    + " (name_collection[individual]).");
        }
        if (toPay && fields.businessName() != null && !fields.businessName().optional() && blank(entered.businessName())) {
            throw ApiError.parameterMissing("business_name");
        }
        if (toPay && fields.individualName() != null && !fields.individualName().optional()
                && blank(entered.individualName())) {
            throw ApiError.parameterMissing("individual_name");
        }
        if (toPay && taxIds && "if_supported".equals(fields.taxIds().required()) && entered.taxIds().isEmpty()) {
            throw ApiError.parameterMissing("tax_ids[0][value]");
        }
        for (int i = 0; i < entered.taxIds().size(); i++) {
            Collected.TaxId id = entered.taxIds().get(i);
            if (blank(id.type()) || !PageFields.TAX_ID_TYPES.contains(id.type())) {
                throw ApiError.invalid(null, "tax_ids[" + i + "][type]", "Invalid tax ID type: " + id.type()
                        + " (the emulator's page offers " + String.join(", ", PageFields.TAX_ID_TYPES) + ")");
            }
            if (blank(id.value()) || !id.value().matches("[A-Za-z0-9 .-]{4,30}")) {
                throw ApiError.invalid(null, "tax_ids[" + i + "][value]", "Your tax ID is invalid: " + id.value());
            }
        }
        var values = new java.util.TreeMap<String, String>();
        for (String key : entered.customFields().keySet()) {
            if (fields.customFields().stream().noneMatch(f -> f.key().equals(key))) {
                throw ApiError.invalid(null, "custom_fields[" + key + "]", "This session has no custom field '"
                        + key + "'.");
            }
        }
        for (PageFields.CustomField field : fields.customFields()) {
            String value = entered.customFields().get(field.key());
            String param = "custom_fields[" + field.key() + "]";
            if (blank(value)) {
                if (toPay && !field.optional()) {
                    throw ApiError.invalid("parameter_missing", param, "'" + field.label() + "' is required.");
                }
                continue;
            }
            checkCustomValue(field, value, param);
            values.put(field.key(), value);
        }
        if (entered.termsAccepted() && !fields.requiresTerms()) {
            throw ApiError.invalid(null, "consent[terms_of_service]", "This session does not ask for consent"
                    + " to terms of service.");
        }
        if (toPay && fields.requiresTerms() && !entered.termsAccepted()) {
            throw ApiError.invalid("parameter_missing", "consent[terms_of_service]",
                    "The terms of service must be accepted to pay (consent[terms_of_service]=accepted).");
        }
        String promotions = null;
        if (fields.asksPromotionsConsent()) {
            promotions = "opt_in".equals(entered.promotions()) ? "opt_in" : "opt_out";
        } else if (entered.promotions() != null) {
            throw ApiError.invalid(null, "consent[promotions]", "This session does not ask for consent to"
                    + " promotional emails.");
        }
        return new Collected.Details(billing, entered.phone(), entered.businessName(), entered.taxIds(),
                Map.copyOf(values), entered.termsAccepted(), promotions, entered.individualName());
    }

    private static void checkCustomValue(PageFields.CustomField field, String value, String param) {
        switch (field.type()) {
            case "dropdown" -> {
                if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
                    throw ApiError.invalid(null, param, "'" + value + "' is not one of the options of '"
                            + field.label() + "'.");
                }
            }
            case "numeric" -> {
                if (!value.matches("[0-9]+")) {
                    throw ApiError.invalid(null, param, "'" + field.label() + "' takes digits only.");
                }
                checkLength(field, value, param);
            }
            default -> checkLength(field, value, param);
        }
    }

    private static void checkLength(PageFields.CustomField field, String value, String param) {
        if (field.minimumLength() != null && value.length() < field.minimumLength()) {
            throw ApiError.invalid(null, param, "'" + field.label() + "' needs at least " + field.minimumLength()
                    + " characters.");
        }
        int max = field.maximumLength() == null ? 255 : field.maximumLength();
        if (value.length() > max) {
            throw ApiError.invalid(null, param, "'" + field.label() + "' takes at most " + max + " characters.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
