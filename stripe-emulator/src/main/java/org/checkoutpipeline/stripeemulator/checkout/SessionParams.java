package org.checkoutpipeline.stripeemulator.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.store.Interner;
import org.checkoutpipeline.stripeemulator.util.HttpUrls;

/**
 * Validates {@code POST /v1/checkout/sessions} parameters with Stripe's Checkout rules, failing on
 * the first problem with the parameter's bracket path. Parameters that Stripe defines but the
 * emulator does not model are refused (see {@link #CREATE}), never accepted and ignored.
 */
final class SessionParams {

    /**
     * The create parameters whose behaviour the emulator implements; every other parameter of
     * {@code POST /v1/checkout/sessions} is refused with a message saying so.
     */
    static final OperationParams CREATE = OperationParams.of("POST /v1/checkout/sessions",
            "cancel_url", "client_reference_id", "currency", "customer", "customer_email", "expand",
            "expires_at", "metadata", "mode", "success_url", "ui_mode=hosted_page",
            "line_items[][quantity]",
            "line_items[][price_data][currency]",
            "line_items[][price_data][unit_amount]",
            "line_items[][price_data][unit_amount_decimal]",
            "line_items[][price_data][tax_behavior]",
            "line_items[][price_data][recurring][interval]",
            "line_items[][price_data][recurring][interval_count]",
            "line_items[][price_data][product_data][name]",
            "line_items[][price_data][product_data][description]");
    private static final List<String> MODES = List.of("payment", "setup", "subscription");
    private static final List<String> INTERVALS = List.of("day", "month", "week", "year");
    private static final Map<String, Integer> MAX_INTERVAL_COUNT =
            Map.of("day", 365, "week", 52, "month", 12, "year", 1);
    private static final List<String> TAX_BEHAVIORS = List.of("exclusive", "inclusive", "unspecified");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    static final long MIN_EXPIRY_SECONDS = 30 * 60;
    static final long MAX_EXPIRY_SECONDS = 24 * 60 * 60;
    private static final int MAX_LINE_ITEMS = 100;
    private static final int MAX_SUBSCRIPTION_ITEMS_PER_KIND = 20;

    private final Currencies currencies;
    private final Interner interner;

    SessionParams(Currencies currencies, Interner interner) {
        this.currencies = currencies;
        this.interner = interner;
    }

    NewSession parse(Params params, long now) {
        for (String name : params.names()) {
            if (name.startsWith("metadata[")) {
                throw ApiError.invalid(null, name,
                        "Metadata keys cannot contain '[' or ']'; invalid key in: " + name);
            }
        }
        CREATE.check(params);
        String modeText = params.requiredString("mode", "");
        if (!MODES.contains(modeText)) {
            throw ApiError.invalidEnum("mode", modeText, MODES);
        }
        var mode = CheckoutSession.Mode.valueOf(modeText.toUpperCase(java.util.Locale.ROOT));
        String successUrl = url(params, "success_url");
        String cancelUrl = url(params, "cancel_url");

        List<Object> rawItems = params.array("line_items", "");
        String currency = currency(params.nonEmptyString("currency", ""), "currency");
        List<LineItem> items = List.of();
        Long amountTotal = null;
        if (mode == CheckoutSession.Mode.SETUP) {
            if (rawItems != null && !rawItems.isEmpty()) {
                throw ApiError.invalid(null, "line_items",
                        "You cannot pass `line_items` in `setup` mode. Use `payment` or `subscription` mode"
                                + " to charge for items.");
            }
            if (currency == null) {
                throw ApiError.invalid("parameter_missing", "currency",
                        "Missing required param: currency. `currency` is required in `setup` mode.");
            }
        } else {
            if (rawItems == null || rawItems.isEmpty()) {
                throw ApiError.invalid("parameter_missing", "line_items",
                        "Missing required param: line_items. `line_items` is required in `" + modeText
                                + "` mode.");
            }
            items = lineItems(rawItems, mode);
            String itemCurrency = items.get(0).currency();
            if (currency != null && !currency.equals(itemCurrency)) {
                throw ApiError.invalid(null, "currency", "The currency '" + currency
                        + "' does not match the currency of the line items ('" + itemCurrency + "').");
            }
            currency = itemCurrency;
            amountTotal = total(items, mode, currency);
        }

        long expiresAt = expiresAt(params, now);
        String clientReferenceId = params.nonEmptyString("client_reference_id", "");
        if (clientReferenceId != null && clientReferenceId.length() > 200) {
            throw ApiError.invalid(null, "client_reference_id",
                    "Invalid client_reference_id: must be at most 200 characters (it has "
                            + clientReferenceId.length() + ")");
        }
        Map<String, String> metadata = metadata(params.object("metadata", ""), "metadata");
        String customerEmail = params.nonEmptyString("customer_email", "");
        if (customerEmail != null && !EMAIL.matcher(customerEmail).matches()) {
            throw ApiError.invalid("email_invalid", "customer_email",
                    "Invalid email address: " + customerEmail);
        }
        String customer = params.nonEmptyString("customer", "");
        if (customer != null && customerEmail != null) {
            throw ApiError.invalid("parameters_exclusive", "customer_email",
                    "You may only specify one of these parameters: customer, customer_email.");
        }
        return new NewSession(mode, interner.intern(currency), items, amountTotal, expiresAt,
                successUrl, cancelUrl, clientReferenceId, metadata, customerEmail, customer);
    }

    private String url(Params params, String name) {
        String value = params.nonEmptyString(name, "");
        if (value == null) {
            return null;
        }
        if (!HttpUrls.isCheckoutUrl(value)) {
            throw ApiError.invalid("url_invalid", name, "Not a valid URL: " + value);
        }
        return interner.intern(value);
    }

    private String currency(String value, String param) {
        if (value == null) {
            return null;
        }
        if (!currencies.isSupported(value)) {
            throw ApiError.invalid(null, param, "Invalid currency: " + value
                    + ". Stripe currently supports these currencies: lowercase ISO codes such as usd, eur,"
                    + " gbp (see https://stripe.com/docs/currencies).");
        }
        return value;
    }

    private List<LineItem> lineItems(List<Object> raw, CheckoutSession.Mode mode) {
        if (raw.size() > MAX_LINE_ITEMS) {
            throw ApiError.invalid(null, "line_items", "You may only specify up to " + MAX_LINE_ITEMS
                    + " line items; you passed " + raw.size() + ".");
        }
        var items = new ArrayList<LineItem>(raw.size());
        String currency = null;
        int recurring = 0;
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "line_items[" + i + "]";
            if (!(raw.get(i) instanceof Params item)) {
                throw ApiError.invalid("parameter_invalid_hash", prefix, "Invalid hash");
            }
            LineItem lineItem = lineItem(item, prefix);
            if (currency == null) {
                currency = lineItem.currency();
            } else if (!currency.equals(lineItem.currency())) {
                throw ApiError.invalid(null, prefix + "[price_data][currency]",
                        "All line items must use the same currency; line_items[0] uses '" + currency
                                + "' and " + prefix + " uses '" + lineItem.currency() + "'.");
            }
            if (lineItem.recurring()) {
                if (mode == CheckoutSession.Mode.PAYMENT) {
                    throw ApiError.invalid(null, prefix + "[price_data][recurring]",
                            "You specified `payment` mode but passed a recurring price. Either switch to"
                                    + " `subscription` mode or use only one-time prices.");
                }
                recurring++;
            }
            items.add(lineItem);
        }
        if (mode == CheckoutSession.Mode.SUBSCRIPTION) {
            if (recurring == 0) {
                throw ApiError.invalid(null, "line_items",
                        "You must provide at least one recurring price in `subscription` mode when using"
                                + " prices.");
            }
            int oneTime = items.size() - recurring;
            if (recurring > MAX_SUBSCRIPTION_ITEMS_PER_KIND || oneTime > MAX_SUBSCRIPTION_ITEMS_PER_KIND) {
                throw ApiError.invalid(null, "line_items", "In `subscription` mode you may specify up to "
                        + MAX_SUBSCRIPTION_ITEMS_PER_KIND + " recurring and " + MAX_SUBSCRIPTION_ITEMS_PER_KIND
                        + " one-time line items; you passed " + recurring + " recurring and " + oneTime
                        + " one-time.");
            }
        }
        return List.copyOf(items);
    }

    private LineItem lineItem(Params item, String prefix) {
        String price = item.nonEmptyString("price", prefix);
        if (price != null) {
            throw ApiError.invalid("resource_missing", prefix + "[price]", "No such price: '" + price
                    + "'. This emulator supports ad-hoc prices (price_data) only.");
        }
        Params priceData = item.object("price_data", prefix);
        if (priceData == null) {
            throw ApiError.parameterMissing(prefix + "[price_data]");
        }
        String pricePrefix = prefix + "[price_data]";
        String currencyParam = pricePrefix + "[currency]";
        String currency = currency(priceData.requiredString("currency", pricePrefix), currencyParam);
        String product = priceData.nonEmptyString("product", pricePrefix);
        if (product != null) {
            throw ApiError.invalid("resource_missing", pricePrefix + "[product]", "No such product: '"
                    + product + "'. This emulator supports product_data only.");
        }
        Params productData = priceData.object("product_data", pricePrefix);
        if (productData == null) {
            throw ApiError.parameterMissing(pricePrefix + "[product_data]");
        }
        String productPrefix = pricePrefix + "[product_data]";
        String name = productData.requiredString("name", productPrefix);
        String description = productData.nonEmptyString("description", productPrefix);
        String taxBehavior = priceData.nonEmptyString("tax_behavior", pricePrefix);
        if (taxBehavior != null && !TAX_BEHAVIORS.contains(taxBehavior)) {
            throw ApiError.invalidEnum(pricePrefix + "[tax_behavior]", taxBehavior, TAX_BEHAVIORS);
        }

        boolean hasAmount = priceData.has("unit_amount");
        boolean hasDecimal = priceData.has("unit_amount_decimal");
        if (hasAmount && hasDecimal) {
            throw ApiError.invalid("parameters_exclusive", pricePrefix + "[unit_amount]",
                    "You may only specify one of these parameters: unit_amount, unit_amount_decimal.");
        }
        if (!hasAmount && !hasDecimal) {
            throw ApiError.parameterMissing(pricePrefix + "[unit_amount]");
        }
        BigDecimal unit;
        Long unitAmount;
        if (hasAmount) {
            String param = pricePrefix + "[unit_amount]";
            unitAmount = priceData.integer("unit_amount", pricePrefix);
            checkAmount(param, unitAmount, currency);
            unit = BigDecimal.valueOf(unitAmount);
        } else {
            String param = pricePrefix + "[unit_amount_decimal]";
            String text = priceData.requiredString("unit_amount_decimal", pricePrefix);
            try {
                unit = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_decimal", param, "Invalid decimal: " + text);
            }
            if (unit.signum() < 0) {
                throw ApiError.invalid("parameter_invalid_decimal", param,
                        "Invalid " + param + ": must be greater than or equal to 0 (it is " + text + ")");
            }
            if (unit.scale() > 12) {
                throw ApiError.invalid("parameter_invalid_decimal", param,
                        "Invalid " + param + ": at most 12 decimal places are allowed (it is " + text + ")");
            }
            unitAmount = unit.stripTrailingZeros().scale() <= 0 ? unit.longValueExact() : null;
            if (unitAmount != null) {
                checkAmount(param, unitAmount, currency);
            } else if (unit.compareTo(BigDecimal.valueOf(currencies.maximumAmount(currency))) > 0) {
                throw tooLarge(param, text, currency);
            }
        }

        Long quantity = item.integer("quantity", prefix);
        if (quantity == null) {
            throw ApiError.invalid("parameter_missing", prefix + "[quantity]",
                    "Quantity is required. Add `quantity` to `" + prefix + "`.");
        }
        if (quantity < 1) {
            throw ApiError.invalid("parameter_invalid_integer", prefix + "[quantity]",
                    "Invalid " + prefix + "[quantity]: must be a positive integer (it is " + quantity + ")");
        }
        if (quantity > 999_999) {
            throw ApiError.invalid("parameter_invalid_integer", prefix + "[quantity]",
                    "Invalid " + prefix + "[quantity]: must be at most 999999 (it is " + quantity + ")");
        }

        String interval = null;
        int intervalCount = 0;
        Params recurring = priceData.object("recurring", pricePrefix);
        if (recurring != null) {
            String recurringPrefix = pricePrefix + "[recurring]";
            interval = recurring.requiredString("interval", recurringPrefix);
            if (!INTERVALS.contains(interval)) {
                throw ApiError.invalidEnum(recurringPrefix + "[interval]", interval, INTERVALS);
            }
            Long count = recurring.integer("interval_count", recurringPrefix);
            intervalCount = count == null ? 1 : count.intValue();
            int max = MAX_INTERVAL_COUNT.get(interval);
            if (count != null && (count < 1 || count > max)) {
                throw ApiError.invalid("parameter_invalid_integer", recurringPrefix + "[interval_count]",
                        "Invalid " + recurringPrefix + "[interval_count]: the maximum billing period is one"
                                + " year, so it must be between 1 and " + max + " for interval '" + interval
                                + "' (it is " + count + ")");
            }
            interval = interval.intern();
        }

        long lineTotal;
        try {
            lineTotal = unit.multiply(BigDecimal.valueOf(quantity)).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw tooLarge(prefix + "[quantity]", quantity.toString(), currency);
        }
        return new LineItem(interner.intern(name), interner.intern(description),
                interner.intern(currency), unitAmount, interner.intern(unit.toPlainString()), quantity,
                lineTotal, interval, intervalCount, taxBehavior == null ? "unspecified" : taxBehavior.intern());
    }

    private void checkAmount(String param, long amount, String currency) {
        if (amount < 0) {
            throw ApiError.invalid("parameter_invalid_integer", param,
                    "Invalid " + param + ": must be greater than or equal to 0 (it is " + amount + ")");
        }
        if (amount > currencies.maximumAmount(currency)) {
            throw tooLarge(param, Long.toString(amount), currency);
        }
        if (currencies.isThreeDecimal(currency) && amount % 10 != 0) {
            throw ApiError.invalid("parameter_invalid_integer", param, "Invalid " + param + ": amounts in "
                    + currency + " must end in 0 (it is " + amount + ")");
        }
    }

    private ApiError tooLarge(String param, String value, String currency) {
        return ApiError.invalid("amount_too_large", param, "Amount must be no more than "
                + currencies.maximumAmount(currency) + " " + currency + " minor units (" + param + " is "
                + value + ")");
    }

    private long total(List<LineItem> items, CheckoutSession.Mode mode, String currency) {
        long total = 0;
        for (LineItem item : items) {
            try {
                total = Math.addExact(total, item.amountTotal());
            } catch (ArithmeticException e) {
                throw tooLarge("line_items", "too large", currency);
            }
        }
        if (total > currencies.maximumAmount(currency)) {
            throw ApiError.invalid("amount_too_large", "line_items", "The Checkout Session's total amount"
                    + " due must be no more than " + currencies.maximumAmount(currency) + " " + currency
                    + " minor units (it is " + total + ").");
        }
        long minimum = currencies.minimumCharge(currency);
        boolean chargeable = mode == CheckoutSession.Mode.PAYMENT || total > 0;
        if (chargeable && total < minimum) {
            throw ApiError.invalid("amount_too_small", "line_items", "The Checkout Session's total amount"
                    + " due must add up to at least " + currencies.formatMajor(currency, minimum) + " "
                    + currency + " (it is " + currencies.formatMajor(currency, total) + ")");
        }
        return total;
    }

    private long expiresAt(Params params, long now) {
        Long expiresAt = params.integer("expires_at", "");
        if (expiresAt == null) {
            return now + MAX_EXPIRY_SECONDS;
        }
        if (expiresAt < now + MIN_EXPIRY_SECONDS) {
            throw ApiError.invalid(null, "expires_at", "The `expires_at` timestamp must be at least 30"
                    + " minutes from Checkout Session creation (it is " + expiresAt + ", now is " + now + ").");
        }
        if (expiresAt > now + MAX_EXPIRY_SECONDS) {
            throw ApiError.invalid(null, "expires_at", "The `expires_at` timestamp must be less than 24"
                    + " hours from Checkout Session creation (it is " + expiresAt + ", now is " + now + ").");
        }
        return expiresAt;
    }

    private Map<String, String> metadata(Params metadata, String prefix) {
        return Metadata.parse(metadata, prefix, interner::intern);
    }
}
