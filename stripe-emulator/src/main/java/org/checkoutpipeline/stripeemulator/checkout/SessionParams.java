package org.checkoutpipeline.stripeemulator.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.catalog.Price;
import org.checkoutpipeline.stripeemulator.catalog.PriceRules;
import org.checkoutpipeline.stripeemulator.catalog.Product;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRates;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.methods.MethodSelection;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.SubscriptionData;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.Interner;
import org.checkoutpipeline.stripeemulator.api.HttpUrls;

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
            "expires_at", "metadata", "mode", "submit_type", "success_url", "ui_mode=hosted_page",
            "ui_mode=embedded_page", "return_url", "redirect_on_completion",
            "locale=auto", "locale=en", "locale=en-GB", "locale=fr", "locale=fr-CA", "locale=de", "locale=es",
            "locale=es-419", "locale=ja", "automatic_tax[enabled]", "invoice_creation[enabled]",
            "invoice_creation[invoice_data][description]", "invoice_creation[invoice_data][footer]",
            "invoice_creation[invoice_data][metadata]", "invoice_creation[invoice_data][custom_fields]",
            "integration_identifier", "setup_intent_data[description]", "setup_intent_data[metadata]",
            "name_collection", "payment_method_collection", "after_expiration", "optional_items",
            "branding_settings[background_color]", "branding_settings[button_color]",
            "branding_settings[border_style]", "branding_settings[display_name]", "branding_settings[font_family]",
            "payment_intent_data[description]", "payment_intent_data[metadata]",
            "payment_intent_data[receipt_email]", "payment_intent_data[setup_future_usage]",
            "payment_intent_data[statement_descriptor]", "payment_intent_data[statement_descriptor_suffix]",
            "payment_intent_data[capture_method]", "subscription_data[description]",
            "subscription_data[metadata]", "subscription_data[trial_period_days]", "subscription_data[trial_end]",
            "allow_promotion_codes", "discounts", "shipping_address_collection",
            "billing_address_collection", "phone_number_collection", "tax_id_collection", "custom_fields",
            "customer_creation", "customer_update",
            "custom_text", "consent_collection[terms_of_service]", "consent_collection[promotions]",
            "shipping_options[][shipping_rate]", "shipping_options[][shipping_rate_data][delivery_estimate]",
            "shipping_options[][shipping_rate_data][display_name]",
            "shipping_options[][shipping_rate_data][fixed_amount][amount]",
            "shipping_options[][shipping_rate_data][fixed_amount][currency]",
            "shipping_options[][shipping_rate_data][metadata]",
            "shipping_options[][shipping_rate_data][tax_behavior]",
            "shipping_options[][shipping_rate_data][tax_code]", "shipping_options[][shipping_rate_data][type]",
            "line_items[][quantity]", "line_items[][price]", "line_items[][price_data][product]",
            "line_items[][tax_rates]", "line_items[][adjustable_quantity]",
            "line_items[][price_data][currency]",
            "line_items[][price_data][unit_amount]",
            "line_items[][price_data][unit_amount_decimal]",
            "line_items[][price_data][tax_behavior]",
            "line_items[][price_data][recurring][interval]",
            "line_items[][price_data][recurring][interval_count]",
            "line_items[][price_data][product_data][name]",
            "line_items[][price_data][product_data][description]",
            "line_items[][price_data][product_data][images]", "line_items[][price_data][product_data][metadata]",
            "payment_method_types", "excluded_payment_method_types", "allowed_payment_method_types",
            "payment_method_options[oxxo][expires_after_days]", "payment_method_options[boleto][expires_after_days]",
            "payment_method_options[konbini][expires_after_days]",
            "payment_method_options[acss_debit][mandate_options][payment_schedule]",
            "payment_method_options[acss_debit][mandate_options][transaction_type]",
            "payment_method_options[acss_debit][mandate_options][interval_description]");
    private static final List<String> MODES = List.of("payment", "setup", "subscription");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    static final long MIN_EXPIRY_SECONDS = 30 * 60;
    static final long MAX_EXPIRY_SECONDS = 24 * 60 * 60;
    /** The create parameters that {@link SessionOptions} holds; a session with none shares NONE. */
    private static final Set<String> OPTION_PARAMETERS = Set.of("submit_type", "payment_intent_data",
            "allow_promotion_codes", "discounts", "shipping_options", "shipping_address_collection",
            "billing_address_collection", "phone_number_collection", "tax_id_collection", "custom_fields",
            "custom_text", "consent_collection", "subscription_data", "customer_creation", "customer_update",
            "ui_mode", "return_url", "redirect_on_completion", "locale", "automatic_tax", "invoice_creation",
            "integration_identifier", "setup_intent_data", "name_collection", "branding_settings",
            "payment_method_collection", "after_expiration", "optional_items");
    private static final int MAX_LINE_ITEMS = 100;
    private static final int MAX_PRODUCT_IMAGES = 8;
    private static final int MAX_TAX_RATES = 5;
    private static final int MAX_SHIPPING_OPTIONS = 5;
    private static final int MAX_CUSTOM_FIELDS = 3;
    private static final long MIN_TRIAL_END_AHEAD = 2 * 24 * 60 * 60;
    private static final int MAX_SUBSCRIPTION_ITEMS_PER_KIND = 20;

    private final Currencies currencies;
    private final PriceRules prices;
    private final Discounts discounts;
    private final EmulatorStore store;
    private final Interner interner;
    private final MethodSelection methodSelection;

    SessionParams(Currencies currencies, EmulatorStore store) {
        this.currencies = currencies;
        this.methodSelection = new MethodSelection(store.methodConfiguration());
        this.discounts = new Discounts(store);
        this.prices = new PriceRules(currencies);
        this.store = store;
        this.interner = store.interner();
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
        String currency = prices.currency(params.nonEmptyString("currency", ""), "currency");
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
        }
        String customer = params.nonEmptyString("customer", "");
        SessionOptions options = options(params, mode, currency, items, customer, now);
        if (mode != CheckoutSession.Mode.SETUP) {
            amountTotal = total(Totals.of(items, options, Collected.NONE,
                    options.shippingOptions().isEmpty() ? null : options.shippingOptions().get(0), true),
                    mode, currency, options.discount() != null || options.subscriptionData().hasTrial());
        }

        var methods = methodSelection.select(params, new MethodSelection.Session(mode, currency, amountTotal,
                options.paymentIntentData().manualCapture(), options.paymentIntentData().setupFutureUsage()));
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
        if (customer != null && customerEmail != null) {
            throw ApiError.invalid("parameters_exclusive", "customer_email",
                    "You may only specify one of these parameters: customer, customer_email.");
        }
        return new NewSession(mode, interner.intern(currency), items, amountTotal, expiresAt,
                successUrl, cancelUrl, clientReferenceId, metadata, options, methods, customerEmail, customer);
    }

    private SessionOptions options(Params params, CheckoutSession.Mode mode, String currency,
            List<LineItem> items, String customer, long now) {
        if (java.util.Collections.disjoint(params.names(), OPTION_PARAMETERS)) {
            return SessionOptions.NONE;
        }
        String submitType = params.nonEmptyString("submit_type", "");
        if (submitType != null && mode == CheckoutSession.Mode.SETUP) {
            throw ApiError.invalid(null, "submit_type", "`submit_type` can only be specified on Checkout"
                    + " Sessions in `payment` or `subscription` mode.");
        }
        Params intent = params.object("payment_intent_data", "");
        var intentData = org.checkoutpipeline.stripeemulator.payment.IntentData.NONE;
        if (intent != null && !intent.isEmpty()) {
            if (mode != CheckoutSession.Mode.PAYMENT) {
                throw ApiError.invalid(null, "payment_intent_data", "You can only specify"
                        + " `payment_intent_data` on Checkout Sessions in `payment` mode.");
            }
            String prefix = "payment_intent_data";
            String receiptEmail = intent.nonEmptyString("receipt_email", prefix);
            if (receiptEmail != null && !EMAIL.matcher(receiptEmail).matches()) {
                throw ApiError.invalid("email_invalid", prefix + "[receipt_email]",
                        "Invalid email address: " + receiptEmail);
            }
            intentData = SessionOptions.intentData(
                    metadata(intent.object("metadata", prefix), prefix + "[metadata]"),
                    intent.nonEmptyString("description", prefix), receiptEmail,
                    intent.nonEmptyString("setup_future_usage", prefix),
                    intent.nonEmptyString("statement_descriptor", prefix),
                    intent.nonEmptyString("statement_descriptor_suffix", prefix),
                    intent.nonEmptyString("capture_method", prefix));
        }
        boolean allowPromotionCodes = "true".equals(params.nonEmptyString("allow_promotion_codes", ""));
        SessionOptions.Discount discount = discount(params, currency, items, customer, now);
        if (allowPromotionCodes && discount != null) {
            throw ApiError.invalid("parameters_exclusive", "allow_promotion_codes",
                    "You may only specify one of these parameters: allow_promotion_codes, discounts.");
        }
        List<ShippingRate> shippingOptions = shippingOptions(params, mode, currency, now);
        List<String> shippingCountries = null;
        Params shippingCollection = params.object("shipping_address_collection", "");
        if (shippingCollection != null && !shippingCollection.isEmpty()) {
            if (mode == CheckoutSession.Mode.SETUP) {
                throw ApiError.invalid(null, "shipping_address_collection", "`shipping_address_collection`"
                        + " can only be used in `payment` or `subscription` mode.");
            }
            var countries = new ArrayList<String>();
            List<Object> allowed = shippingCollection.array("allowed_countries", "shipping_address_collection");
            if (allowed == null || allowed.isEmpty()) {
                throw ApiError.parameterMissing("shipping_address_collection[allowed_countries]");
            }
            allowed.forEach(c -> countries.add(interner.intern(String.valueOf(c))));
            shippingCountries = List.copyOf(countries);
        }
        return new SessionOptions(submitType == null ? null : submitType.intern(), intentData, discount,
                allowPromotionCodes, shippingOptions, shippingCountries, pageFields(params, shippingCountries),
                subscriptionData(params, mode, now), customerCreation(params, mode, customer),
                customerUpdate(params, customer), embedded(params), locale(params), automaticTax(params, mode, items),
                invoiceCreation(params, mode), params.nonEmptyString("integration_identifier", ""),
                setupIntentData(params, mode), branding(params), paymentMethodCollection(params, mode),
                recovery(params, mode), optionalItems(params, mode, currency)).shared();
    }

    /**
     * {@code ui_mode}, {@code return_url} and {@code redirect_on_completion}: an embedded page returns
     * the customer to {@code return_url} and has no success or cancel URL.
     */
    private SessionOptions.Embedded embedded(Params params) {
        String uiMode = params.nonEmptyString("ui_mode", "");
        String returnUrl = params.nonEmptyString("return_url", "");
        String redirect = params.nonEmptyString("redirect_on_completion", "");
        if (uiMode == null || uiMode.equals("hosted_page")) {
            if (returnUrl != null) {
                throw ApiError.invalid(null, "return_url", "`return_url` can only be used with"
                        + " `ui_mode=embedded_page`; a hosted page uses `success_url`.");
            }
            if (redirect != null) {
                throw ApiError.invalid(null, "redirect_on_completion", "`redirect_on_completion` can only be used"
                        + " with `ui_mode=embedded_page`.");
            }
            return null;
        }
        for (String hostedOnly : List.of("success_url", "cancel_url")) {
            if (params.nonEmptyString(hostedOnly, "") != null) {
                throw ApiError.invalid(null, hostedOnly, "`" + hostedOnly + "` is not allowed with"
                        + " `ui_mode=embedded_page`; use `return_url`.");
            }
        }
        String mode = redirect == null ? "always" : redirect;
        if (mode.equals("never")) {
            if (returnUrl != null) {
                throw ApiError.invalid(null, "return_url", "`return_url` cannot be used with"
                        + " `redirect_on_completion=never`.");
            }
        } else if (returnUrl == null) {
            throw ApiError.invalid("parameter_missing", "return_url", "Missing required param: return_url."
                    + " `return_url` is required with `ui_mode=embedded_page` unless `redirect_on_completion` is"
                    + " `never`.");
        }
        return new SessionOptions.Embedded(returnUrl == null ? null : url(params, "return_url"), mode.intern());
    }

    /** {@code automatic_tax[enabled]}: not in setup mode, and not with line items' own tax rates. */
    private static boolean automaticTax(Params params, CheckoutSession.Mode mode, List<LineItem> items) {
        Params tax = params.object("automatic_tax", "");
        if (tax == null || !"true".equals(tax.nonEmptyString("enabled", "automatic_tax"))) {
            return false;
        }
        if (mode == CheckoutSession.Mode.SETUP) {
            throw ApiError.invalid(null, "automatic_tax[enabled]", "`automatic_tax` can only be used in `payment`"
                    + " or `subscription` mode.");
        }
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).taxRates().isEmpty()) {
                throw ApiError.invalid(null, "line_items[" + i + "][tax_rates]", "You cannot set `tax_rates` on a"
                        + " line item when `automatic_tax[enabled]` is true.");
            }
        }
        return true;
    }

    /** {@code invoice_creation}: a paid Invoice after a payment-mode session, with its invoice_data. */
    private Invoice.Data invoiceCreation(Params params, CheckoutSession.Mode mode) {
        Params creation = params.object("invoice_creation", "");
        if (creation == null || !"true".equals(creation.nonEmptyString("enabled", "invoice_creation"))) {
            return null;
        }
        if (mode != CheckoutSession.Mode.PAYMENT) {
            throw ApiError.invalid(null, "invoice_creation", "`invoice_creation` can only be used in `payment`"
                    + " mode; subscriptions have their own invoices.");
        }
        String prefix = "invoice_creation[invoice_data]";
        Params data = creation.object("invoice_data", "invoice_creation");
        if (data == null) {
            return Invoice.Data.NONE;
        }
        var fields = new ArrayList<Map<String, String>>();
        List<Object> raw = data.array("custom_fields", prefix);
        if (raw != null) {
            if (raw.size() > 4) {
                throw ApiError.invalid(null, prefix + "[custom_fields]", "An invoice has at most 4 custom fields;"
                        + " you passed " + raw.size() + ".");
            }
            for (int i = 0; i < raw.size(); i++) {
                Params f = (Params) raw.get(i);
                String fieldPrefix = prefix + "[custom_fields][" + i + "]";
                fields.add(Map.of("name", f.requiredString("name", fieldPrefix), "value",
                        f.requiredString("value", fieldPrefix)));
            }
        }
        return new Invoice.Data(data.nonEmptyString("description", prefix), data.nonEmptyString("footer", prefix),
                metadata(data.object("metadata", prefix), prefix + "[metadata]"), List.copyOf(fields));
    }

    /** {@code optional_items}: up to ten active catalog prices in the session's currency (payment mode). */
    private List<LineItem> optionalItems(Params params, CheckoutSession.Mode mode, String currency) {
        List<Object> raw = params.array("optional_items", "");
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (mode != CheckoutSession.Mode.PAYMENT) {
            throw ApiError.invalid(null, "optional_items", "`optional_items` can only be used in `payment` mode.");
        }
        if (raw.size() > 10) {
            throw ApiError.invalid(null, "optional_items", "You may only specify up to 10 optional items; you passed "
                    + raw.size() + ".");
        }
        var items = new ArrayList<LineItem>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "optional_items[" + i + "]";
            Params o = (Params) raw.get(i);
            long quantity = o.integer("quantity", prefix);
            if (quantity < 1 || quantity > 999_999) {
                throw ApiError.invalid("parameter_invalid_integer", prefix + "[quantity]", "Invalid " + prefix
                        + "[quantity]: must be between 1 and 999999 (it is " + quantity + ")");
            }
            LineItem item = catalogLineItem(o.requiredString("price", prefix), quantity, prefix, List.of(),
                    adjustable(o, prefix, quantity));
            if (!item.currency().equals(currency)) {
                throw ApiError.invalid(null, prefix + "[price]", "The optional item's currency (" + item.currency()
                        + ") must match the session's currency (" + currency + ").");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    private static SessionOptions.Recovery recovery(Params params, CheckoutSession.Mode mode) {
        Params after = params.object("after_expiration", "");
        Params recovery = after == null ? null : after.object("recovery", "after_expiration");
        String prefix = "after_expiration[recovery]";
        if (recovery == null || !"true".equals(recovery.nonEmptyString("enabled", prefix))) {
            return SessionOptions.Recovery.NONE;
        }
        if (mode == CheckoutSession.Mode.SETUP) {
            throw ApiError.invalid(null, prefix + "[enabled]", "Recovery can only be enabled on Checkout Sessions"
                    + " in `payment` or `subscription` mode.");
        }
        return new SessionOptions.Recovery(true, "true".equals(recovery.nonEmptyString("allow_promotion_codes", prefix)),
                null);
    }

    private static String paymentMethodCollection(Params params, CheckoutSession.Mode mode) {
        String collection = params.nonEmptyString("payment_method_collection", "");
        if (collection != null && mode != CheckoutSession.Mode.SUBSCRIPTION) {
            throw ApiError.invalid(null, "payment_method_collection", "`payment_method_collection` can only be"
                    + " used in `subscription` mode.");
        }
        return collection == null ? null : collection.intern();
    }

    private static final Pattern HEX_COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    /** {@code branding_settings}: colors as hex ({@code #0a2540}), a border style, a display name and a font. */
    private static SessionOptions.Branding branding(Params params) {
        Params b = params.object("branding_settings", "");
        if (b == null || b.isEmpty()) {
            return null;
        }
        String prefix = "branding_settings";
        for (String color : List.of("background_color", "button_color")) {
            String value = b.nonEmptyString(color, prefix);
            if (value != null && !HEX_COLOR.matcher(value).matches()) {
                throw ApiError.invalid(null, prefix + "[" + color + "]", "Invalid " + prefix + "[" + color
                        + "]: use a hex color such as #0a2540 (it is '" + value + "')");
            }
        }
        String border = b.nonEmptyString("border_style", prefix);
        String font = b.nonEmptyString("font_family", prefix);
        return new SessionOptions.Branding(b.nonEmptyString("background_color", prefix),
                b.nonEmptyString("button_color", prefix), border == null ? null : border.intern(),
                b.nonEmptyString("display_name", prefix), font == null ? null : font.intern());
    }

    private SessionOptions.SetupData setupIntentData(Params params, CheckoutSession.Mode mode) {
        Params data = params.object("setup_intent_data", "");
        if (data == null || data.isEmpty()) {
            return SessionOptions.SetupData.NONE;
        }
        if (mode != CheckoutSession.Mode.SETUP) {
            throw ApiError.invalid(null, "setup_intent_data", "You can only specify `setup_intent_data` on"
                    + " Checkout Sessions in `setup` mode.");
        }
        return new SessionOptions.SetupData(data.nonEmptyString("description", "setup_intent_data"),
                metadata(data.object("metadata", "setup_intent_data"), "setup_intent_data[metadata]"));
    }

    private static String locale(Params params) {
        String locale = params.nonEmptyString("locale", "");
        return locale == null ? null : locale.intern();
    }

    private static String customerCreation(Params params, CheckoutSession.Mode mode, String customer) {
        String creation = params.nonEmptyString("customer_creation", "");
        if (creation == null) {
            return null;
        }
        if (mode != CheckoutSession.Mode.PAYMENT) {
            throw ApiError.invalid(null, "customer_creation", "`customer_creation` can only be used in `payment`"
                    + " mode; subscription and setup mode always create a Customer.");
        }
        if (customer != null) {
            throw ApiError.invalid("parameters_exclusive", "customer_creation",
                    "You may only specify one of these parameters: customer, customer_creation.");
        }
        return creation.intern();
    }

    private static SessionOptions.CustomerUpdate customerUpdate(Params params, String customer) {
        Params update = params.object("customer_update", "");
        if (update == null || update.isEmpty()) {
            return SessionOptions.CustomerUpdate.NEVER;
        }
        if (customer == null) {
            throw ApiError.invalid(null, "customer_update", "`customer_update` can only be used with `customer`.");
        }
        return new SessionOptions.CustomerUpdate("auto".equals(update.nonEmptyString("address", "customer_update")),
                "auto".equals(update.nonEmptyString("name", "customer_update")),
                "auto".equals(update.nonEmptyString("shipping", "customer_update")));
    }

    /** {@code subscription_data}: the Subscription's description, metadata and trial. */
    private SubscriptionData subscriptionData(Params params, CheckoutSession.Mode mode, long now) {
        Params data = params.object("subscription_data", "");
        if (data == null || data.isEmpty()) {
            return SubscriptionData.NONE;
        }
        if (mode != CheckoutSession.Mode.SUBSCRIPTION) {
            throw ApiError.invalid(null, "subscription_data", "You can only specify `subscription_data` on"
                    + " Checkout Sessions in `subscription` mode.");
        }
        String prefix = "subscription_data";
        Long days = data.integer("trial_period_days", prefix);
        Long end = data.integer("trial_end", prefix);
        if (days != null && end != null) {
            throw ApiError.invalid("parameters_exclusive", prefix + "[trial_end]",
                    "You may only specify one of these parameters: trial_end, trial_period_days.");
        }
        if (days != null && (days < 1 || days > 730)) {
            throw ApiError.invalid("parameter_invalid_integer", prefix + "[trial_period_days]", "Invalid "
                    + prefix + "[trial_period_days]: must be between 1 and 730 (it is " + days + ")");
        }
        if (end != null && end < now + MIN_TRIAL_END_AHEAD) {
            throw ApiError.invalid(null, prefix + "[trial_end]", "The `trial_end` date has to be at least 2 days"
                    + " in the future (it is " + end + ", now is " + now + ").");
        }
        return new SubscriptionData(data.nonEmptyString("description", prefix),
                metadata(data.object("metadata", prefix), prefix + "[metadata]"), days, end);
    }

    /** What the page asks for beyond payment and shipping, with Stripe's rules for each. */
    private PageFields pageFields(Params params, List<String> shippingCountries) {
        String billing = params.nonEmptyString("billing_address_collection", "");
        Params phone = params.object("phone_number_collection", "");
        boolean phoneEnabled = phone != null && "true".equals(phone.nonEmptyString("enabled", "phone_number_collection"));
        Params taxIds = params.object("tax_id_collection", "");
        PageFields.TaxIdCollection taxIdCollection = null;
        if (taxIds != null && !taxIds.isEmpty()) {
            String required = taxIds.nonEmptyString("required", "tax_id_collection");
            taxIdCollection = new PageFields.TaxIdCollection(
                    "true".equals(taxIds.nonEmptyString("enabled", "tax_id_collection")),
                    required == null ? "never" : required.intern());
        }
        List<PageFields.CustomField> customFields = customFields(params);
        var customText = new java.util.TreeMap<String, String>();
        Params text = params.object("custom_text", "");
        if (text != null) {
            for (String position : text.names()) {
                Params message = text.object(position, "custom_text");
                if (message != null && !message.isEmpty()) {
                    customText.put(position.intern(), message.requiredString("message", "custom_text[" + position + "]"));
                }
            }
        }
        Params consent = params.object("consent_collection", "");
        String terms = consent == null ? null : consent.nonEmptyString("terms_of_service", "consent_collection");
        String promotions = consent == null ? null : consent.nonEmptyString("promotions", "consent_collection");
        if (customText.containsKey("shipping_address") && shippingCountries == null) {
            throw ApiError.invalid(null, "custom_text[shipping_address]", "`custom_text[shipping_address]` can"
                    + " only be used with `shipping_address_collection`.");
        }
        if (customText.containsKey("terms_of_service_acceptance") && !"required".equals(terms)) {
            throw ApiError.invalid(null, "custom_text[terms_of_service_acceptance]",
                    "`custom_text[terms_of_service_acceptance]` can only be used with"
                            + " `consent_collection[terms_of_service]=required`.");
        }
        Params names = params.object("name_collection", "");
        return new PageFields(billing == null ? null : billing.intern(), phoneEnabled, taxIdCollection, customFields,
                Map.copyOf(customText), terms == null ? null : terms.intern(),
                promotions == null ? null : promotions.intern(), nameField(names, "business"),
                nameField(names, "individual"));
    }

    private static PageFields.NameField nameField(Params names, String which) {
        Params field = names == null ? null : names.object(which, "name_collection");
        String prefix = "name_collection[" + which + "]";
        if (field == null || !"true".equals(field.nonEmptyString("enabled", prefix))) {
            return null;
        }
        return new PageFields.NameField("true".equals(field.nonEmptyString("optional", prefix)));
    }

    private List<PageFields.CustomField> customFields(Params params) {
        List<Object> raw = params.array("custom_fields", "");
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.size() > MAX_CUSTOM_FIELDS) {
            throw ApiError.invalid(null, "custom_fields", "You may only specify up to " + MAX_CUSTOM_FIELDS
                    + " custom fields; you passed " + raw.size() + ".");
        }
        var fields = new ArrayList<PageFields.CustomField>(raw.size());
        var keys = new java.util.HashSet<String>();
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "custom_fields[" + i + "]";
            Params f = (Params) raw.get(i);
            String key = f.requiredString("key", prefix);
            if (!key.matches("[A-Za-z0-9]+")) {
                throw ApiError.invalid(null, prefix + "[key]", "Invalid " + prefix + "[key]: only letters and"
                        + " digits are allowed (it is '" + key + "')");
            }
            if (!keys.add(key)) {
                throw ApiError.invalid(null, prefix + "[key]", "Custom field keys must be unique; '" + key
                        + "' is used twice.");
            }
            String label = f.object("label", prefix).requiredString("custom", prefix + "[label]");
            String type = f.requiredString("type", prefix);
            for (String other : List.of("text", "numeric", "dropdown")) {
                if (!other.equals(type) && f.has(other)) {
                    throw ApiError.invalid(null, prefix + "[" + other + "]", "`" + prefix + "[" + other
                            + "]` can only be given for a custom field of type `" + other + "`.");
                }
            }
            Params typed = f.object(type, prefix);
            String typedPrefix = prefix + "[" + type + "]";
            String defaultValue = typed == null ? null : typed.nonEmptyString("default_value", typedPrefix);
            Integer min = null;
            Integer max = null;
            var options = new ArrayList<PageFields.CustomField.Option>();
            if (type.equals("dropdown")) {
                if (typed == null) {
                    throw ApiError.parameterMissing(prefix + "[dropdown]");
                }
                List<Object> rawOptions = typed.array("options", typedPrefix);
                if (rawOptions == null || rawOptions.isEmpty() || rawOptions.size() > 200) {
                    throw ApiError.invalid(null, typedPrefix + "[options]", "A dropdown needs 1 to 200 options.");
                }
                for (int j = 0; j < rawOptions.size(); j++) {
                    Params o = (Params) rawOptions.get(j);
                    String optionPrefix = typedPrefix + "[options][" + j + "]";
                    String value = o.requiredString("value", optionPrefix);
                    if (!value.matches("[A-Za-z0-9]+")) {
                        throw ApiError.invalid(null, optionPrefix + "[value]", "Invalid " + optionPrefix
                                + "[value]: only letters and digits are allowed (it is '" + value + "')");
                    }
                    options.add(new PageFields.CustomField.Option(o.requiredString("label", optionPrefix), value));
                }
                if (defaultValue != null && options.stream().noneMatch(o -> o.value().equals(defaultValue))) {
                    throw ApiError.invalid(null, typedPrefix + "[default_value]", "The default value '"
                            + defaultValue + "' is not one of the dropdown's option values.");
                }
            } else if (typed != null) {
                Long minimum = typed.integer("minimum_length", typedPrefix);
                Long maximum = typed.integer("maximum_length", typedPrefix);
                min = minimum == null ? null : lengthLimit(minimum, typedPrefix + "[minimum_length]");
                max = maximum == null ? null : lengthLimit(maximum, typedPrefix + "[maximum_length]");
                if (min != null && max != null && min > max) {
                    throw ApiError.invalid(null, typedPrefix + "[minimum_length]", "minimum_length (" + min
                            + ") must not be greater than maximum_length (" + max + ").");
                }
            }
            fields.add(new PageFields.CustomField(key, label, type.intern(),
                    "true".equals(f.nonEmptyString("optional", prefix)), defaultValue, min, max, List.copyOf(options)));
        }
        return List.copyOf(fields);
    }

    private static int lengthLimit(long value, String param) {
        if (value < 1 || value > 255) {
            throw ApiError.invalid("parameter_invalid_integer", param, "Invalid " + param
                    + ": must be between 1 and 255 (it is " + value + ")");
        }
        return (int) value;
    }

    /** {@code discounts}: at most one coupon or promotion code, valid for this session. */
    private SessionOptions.Discount discount(Params params, String currency, List<LineItem> items,
            String customer, long now) {
        List<Object> raw = params.array("discounts", "");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.size() > 1) {
            throw ApiError.invalid(null, "discounts", "You may only specify one discount on a Checkout"
                    + " Session; you passed " + raw.size() + ".");
        }
        if (!(raw.get(0) instanceof Params d)) {
            throw ApiError.invalid("parameter_invalid_hash", "discounts[0]", "Invalid hash");
        }
        String coupon = d.nonEmptyString("coupon", "discounts[0]");
        String promotionCode = d.nonEmptyString("promotion_code", "discounts[0]");
        if ((coupon == null) == (promotionCode == null)) {
            throw ApiError.invalid(coupon == null ? "parameter_missing" : "parameters_exclusive",
                    "discounts[0][coupon]", "Specify exactly one of discounts[0][coupon] and"
                            + " discounts[0][promotion_code].");
        }
        if (coupon != null) {
            return discounts.coupon(coupon, currency, now, "discounts[0][coupon]");
        }
        PromotionCode code = store.promotionCodes().get(promotionCode);
        if (code == null) {
            throw ApiError.invalid("resource_missing", "discounts[0][promotion_code]",
                    "No such promotion code: '" + promotionCode + "'");
        }
        long subtotal = items.stream().mapToLong(LineItem::amountTotal).sum();
        return discounts.promotionCode(code, currency, subtotal, customer, now, "discounts[0][promotion_code]");
    }

    /** {@code shipping_options}: up to five existing rates or new ones, in the session's currency. */
    private List<ShippingRate> shippingOptions(Params params, CheckoutSession.Mode mode, String currency,
            long now) {
        List<Object> raw = params.array("shipping_options", "");
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (mode != CheckoutSession.Mode.PAYMENT) {
            throw ApiError.invalid(null, "shipping_options", "`shipping_options` can only be used in"
                    + " `payment` mode.");
        }
        if (raw.size() > MAX_SHIPPING_OPTIONS) {
            throw ApiError.invalid(null, "shipping_options", "You may only specify up to "
                    + MAX_SHIPPING_OPTIONS + " shipping options; you passed " + raw.size() + ".");
        }
        var rates = new ArrayList<ShippingRate>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "shipping_options[" + i + "]";
            if (!(raw.get(i) instanceof Params option)) {
                throw ApiError.invalid("parameter_invalid_hash", prefix, "Invalid hash");
            }
            String id = option.nonEmptyString("shipping_rate", prefix);
            Params data = option.object("shipping_rate_data", prefix);
            if ((id == null) == (data == null)) {
                throw ApiError.invalid(id == null ? "parameter_missing" : "parameters_exclusive",
                        prefix + "[shipping_rate]", "Specify exactly one of " + prefix + "[shipping_rate] and "
                                + prefix + "[shipping_rate_data].");
            }
            ShippingRate rate;
            String param;
            if (id != null) {
                param = prefix + "[shipping_rate]";
                rate = store.shippingRates().get(id);
                if (rate == null) {
                    throw ApiError.invalid("resource_missing", param, "No such shipping rate: '" + id + "'");
                }
                if (!rate.active()) {
                    throw ApiError.invalid(null, param, "The shipping rate " + id + " is inactive.");
                }
            } else {
                param = prefix + "[shipping_rate_data][fixed_amount][currency]";
                rate = ShippingRates.parse(data, prefix + "[shipping_rate_data]", store.ids().next("shr_"), now,
                        prices, interner::intern);
            }
            if (!rate.currency().equals(currency)) {
                throw ApiError.invalid(null, param, "The shipping rate's currency (" + rate.currency()
                        + ") must match the session's currency (" + currency + ").");
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
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
        String priceId = item.nonEmptyString("price", prefix);
        Params priceData = item.object("price_data", prefix);
        if (priceId != null && priceData != null) {
            throw ApiError.invalid("parameters_exclusive", prefix + "[price]",
                    "You may only specify one of these parameters: price, price_data.");
        }
        if (priceId == null && priceData == null) {
            throw ApiError.parameterMissing(prefix + "[price_data]");
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
        if (priceId != null) {
            return catalogLineItem(priceId, quantity, prefix, taxRates(item, prefix), adjustable(item, prefix, quantity));
        }
        String pricePrefix = prefix + "[price_data]";
        PriceRules.Terms terms = prices.parse(priceData, pricePrefix);
        String productId = priceData.nonEmptyString("product", pricePrefix);
        Params productData = priceData.object("product_data", pricePrefix);
        String name;
        String description;
        LineItem.AdHocProduct adHoc = LineItem.AdHocProduct.NONE;
        if (productId != null) {
            if (productData != null) {
                throw ApiError.invalid("parameters_exclusive", pricePrefix + "[product]",
                        "You may only specify one of these parameters: product, product_data.");
            }
            Product product = store.products().get(productId);
            if (product == null) {
                throw ApiError.invalid("resource_missing", pricePrefix + "[product]",
                        "No such product: '" + productId + "'");
            }
            name = product.name();
            description = product.description();
        } else {
            if (productData == null) {
                throw ApiError.parameterMissing(pricePrefix + "[product_data]");
            }
            String productPrefix = pricePrefix + "[product_data]";
            name = productData.requiredString("name", productPrefix);
            description = productData.nonEmptyString("description", productPrefix);
            adHoc = adHocProduct(productData, productPrefix);
        }
        return new LineItem(null, productId, interner.intern(name), interner.intern(description),
                interner.intern(terms.currency()), terms.unitAmount(),
                interner.intern(terms.unit().toPlainString()), quantity,
                lineTotal(terms, quantity, prefix), terms.interval(), terms.intervalCount(),
                terms.taxBehavior(), taxRates(item, prefix), adjustable(item, prefix, quantity), adHoc);
    }

    /** {@code product_data[images]} (up to 8 URLs, as Stripe allows) and {@code [metadata]}. */
    private LineItem.AdHocProduct adHocProduct(Params productData, String prefix) {
        List<Object> raw = productData.array("images", prefix);
        List<String> images = new java.util.ArrayList<>();
        if (raw != null) {
            if (raw.size() > MAX_PRODUCT_IMAGES) {
                throw ApiError.invalid(null, prefix + "[images]", "You may only specify up to " + MAX_PRODUCT_IMAGES
                        + " images; you passed " + raw.size() + ".");
            }
            for (int i = 0; i < raw.size(); i++) {
                if (!(raw.get(i) instanceof String url) || url.isEmpty() || url.length() > 2048) {
                    throw ApiError.invalid(null, prefix + "[images][" + i + "]",
                            "Invalid URL: each image must be a URL of at most 2048 characters");
                }
                images.add(interner.intern(url));
            }
        }
        var metadata = Metadata.parse(productData.object("metadata", prefix), prefix + "[metadata]", interner::intern);
        return images.isEmpty() && metadata.isEmpty() ? LineItem.AdHocProduct.NONE
                : new LineItem.AdHocProduct(List.copyOf(images), metadata);
    }

    private LineItem catalogLineItem(String priceId, long quantity, String prefix, List<TaxRate> taxRates,
            LineItem.AdjustableQuantity adjustable) {
        Price price = store.prices().get(priceId);
        if (price == null) {
            throw ApiError.invalid("resource_missing", prefix + "[price]", "No such price: '" + priceId + "'");
        }
        if (!price.active()) {
            throw ApiError.invalid(null, prefix + "[price]", "The price specified (" + priceId
                    + ") is inactive. This field only accepts active prices.");
        }
        Product product = store.products().get(price.product());
        var terms = new PriceRules.Terms(price.currency(), new BigDecimal(price.unitAmountDecimal()),
                price.unitAmount(), price.interval(), price.intervalCount(), price.taxBehavior());
        return new LineItem(price.id(), price.product(), product == null ? price.product() : product.name(),
                product == null ? null : product.description(), price.currency(), price.unitAmount(),
                price.unitAmountDecimal(), quantity, lineTotal(terms, quantity, prefix), price.interval(),
                price.intervalCount(), price.taxBehavior(), taxRates, adjustable, LineItem.AdHocProduct.NONE);
    }

    /**
     * {@code line_items[n][adjustable_quantity]}: minimum 0 to 999999 (default 0), maximum up to 999999
     * (default 99), the line's quantity between them.
     */
    private static LineItem.AdjustableQuantity adjustable(Params item, String prefix, long quantity) {
        Params adjustable = item.object("adjustable_quantity", prefix);
        String path = prefix + "[adjustable_quantity]";
        if (adjustable == null || !"true".equals(adjustable.nonEmptyString("enabled", path))) {
            return null;
        }
        Long min = adjustable.integer("minimum", path);
        Long max = adjustable.integer("maximum", path);
        long minimum = min == null ? 0 : min;
        long maximum = max == null ? 99 : max;
        if (minimum < 0 || minimum > 999_999) {
            throw ApiError.invalid("parameter_invalid_integer", path + "[minimum]", "Invalid " + path
                    + "[minimum]: must be between 0 and 999999 (it is " + minimum + ")");
        }
        if (maximum < 1 || maximum > 999_999 || maximum < minimum) {
            throw ApiError.invalid("parameter_invalid_integer", path + "[maximum]", "Invalid " + path
                    + "[maximum]: must be between " + Math.max(1, minimum) + " and 999999 (it is " + maximum + ")");
        }
        if (quantity < minimum || quantity > maximum) {
            throw ApiError.invalid(null, prefix + "[quantity]", "The quantity (" + quantity + ") must be between"
                    + " the adjustable minimum (" + minimum + ") and maximum (" + maximum + ").");
        }
        return new LineItem.AdjustableQuantity(minimum, maximum);
    }

    /** {@code line_items[n][tax_rates]}: existing, active rates, at most five. */
    private List<TaxRate> taxRates(Params item, String prefix) {
        List<Object> ids = item.array("tax_rates", prefix);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_TAX_RATES) {
            throw ApiError.invalid(null, prefix + "[tax_rates]", "You may only specify up to " + MAX_TAX_RATES
                    + " tax rates per line item; you passed " + ids.size() + ".");
        }
        var rates = new ArrayList<TaxRate>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String param = prefix + "[tax_rates][" + i + "]";
            TaxRate rate = store.taxRates().get(String.valueOf(ids.get(i)));
            if (rate == null) {
                throw ApiError.invalid("resource_missing", param, "No such tax rate: '" + ids.get(i) + "'");
            }
            if (!rate.active()) {
                throw ApiError.invalid(null, param, "The tax rate " + rate.id() + " is inactive; only active"
                        + " tax rates can be applied.");
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    private long lineTotal(PriceRules.Terms terms, long quantity, String prefix) {
        try {
            return terms.unit().multiply(BigDecimal.valueOf(quantity)).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw prices.tooLarge(prefix + "[quantity]", Long.toString(quantity), terms.currency());
        }
    }

    /** The amount due, checked against the currency's limits; a discount or a trial may bring it to zero. */
    private long total(Totals totals, CheckoutSession.Mode mode, String currency, boolean mayBeZero) {
        long total = totals.total();
        if (totals.subtotal() > currencies.maximumAmount(currency)) {
            throw prices.tooLarge("line_items", "too large", currency);
        }
        if (total > currencies.maximumAmount(currency)) {
            throw ApiError.invalid("amount_too_large", "line_items", "The Checkout Session's total amount"
                    + " due must be no more than " + currencies.maximumAmount(currency) + " " + currency
                    + " minor units (it is " + total + ").");
        }
        long minimum = currencies.minimumCharge(currency);
        boolean chargeable = (mode == CheckoutSession.Mode.PAYMENT || total > 0) && !(mayBeZero && total == 0);
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
