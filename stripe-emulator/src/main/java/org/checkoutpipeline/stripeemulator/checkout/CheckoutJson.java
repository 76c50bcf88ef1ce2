package org.checkoutpipeline.stripeemulator.checkout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.checkoutpipeline.stripeemulator.catalog.CatalogJson;
import org.checkoutpipeline.stripeemulator.catalog.Price;
import org.checkoutpipeline.stripeemulator.catalog.Product;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.Ids;
import org.checkoutpipeline.stripeemulator.store.Page;

/**
 * Renders sessions and line items as Stripe's {@code checkout.session} and {@code item} JSON
 * (API 2026-07-29.dahlia): every required field, {@code null} for nullable fields the emulator
 * does not model, amounts computed from the line items.
 */
public final class CheckoutJson {

    private static final Map<String, Object> CONFIGURATION_DETAILS = configurationDetails();

    private static Map<String, Object> configurationDetails() {
        var details = new LinkedHashMap<String, Object>();
        details.put("id", org.checkoutpipeline.stripeemulator.methods.MethodConfiguration.ID);
        details.put("parent", null);
        return java.util.Collections.unmodifiableMap(details);
    }

    /** Fields of a session that {@code expand[]} may name. */
    public static final List<String> EXPANDABLE = List.of("line_items", "line_items.data.price.product",
            "customer", "payment_intent", "payment_intent.payment_method", "payment_intent.latest_charge",
            "subscription", "setup_intent", "invoice", "shipping_cost.shipping_rate");
    private static final String EXPAND_LINE_ITEM_PRODUCTS = "line_items.data.price.product";
    private static final String SESSION_PREFIX = "cs_test_";

    private final EmulatorStore store;
    private final PaymentJson payments;
    private final ClientSecrets secrets;
    private final Supplier<String> publicBaseUrl;

    /**
     * @param secrets the embedded sessions' client secrets
     * @param publicBaseUrl base of the hosted-page URL, read when a session is rendered
     */
    public CheckoutJson(EmulatorStore store, PaymentJson payments, ClientSecrets secrets,
            Supplier<String> publicBaseUrl) {
        this.store = store;
        this.secrets = secrets;
        this.payments = payments;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The hosted page address Stripe returns as {@code url} while the session is open. */
    public String payUrl(String sessionId) {
        return publicBaseUrl.get() + "/c/pay/" + sessionId;
    }

    public Map<String, Object> session(CheckoutSession s, List<String> expand) {
        boolean setup = s.mode() == CheckoutSession.Mode.SETUP;
        boolean payment = s.mode() == CheckoutSession.Mode.PAYMENT;
        var json = new LinkedHashMap<String, Object>(96);
        json.put("id", s.id());
        json.put("object", "checkout.session");
        json.put("adaptive_pricing", payment ? Map.of("enabled", false) : null);
        json.put("after_expiration", afterExpiration(s));
        json.put("allow_promotion_codes", s.options().allowPromotionCodes() ? Boolean.TRUE : null);
        if (s.methods().allowed() != null) {
            // Only sent in API endive; ApiVersion renders it null there when not given, absent in dahlia.
            json.put("allowed_payment_method_types", s.methods().allowed());
        }
        Totals totals = setup ? null : s.dueNow();
        json.put("amount_subtotal", setup ? s.amountTotal() : (Object) totals.subtotal());
        json.put("amount_total", setup ? s.amountTotal() : (Object) totals.total());
        boolean taxed = s.options().automaticTax();
        var automaticTax = new LinkedHashMap<String, Object>();
        automaticTax.put("enabled", taxed);
        automaticTax.put("liability", taxed ? Map.of("type", "self") : null);
        automaticTax.put("provider", taxed ? "stripe" : null);
        automaticTax.put("status", !taxed ? null : s.collected().automaticTax() != null ? "complete"
                : "requires_location_inputs");
        json.put("automatic_tax", automaticTax);
        PageFields fields = s.options().fields();
        json.put("billing_address_collection", fields.billingAddress());
        SessionOptions.Branding branding = s.options().branding();
        if (branding != null) {
            var settings = new LinkedHashMap<String, Object>();
            settings.put("background_color", branding.backgroundColor() == null ? "#ffffff" : branding.backgroundColor());
            settings.put("border_style", branding.borderStyle() == null ? "rounded" : branding.borderStyle());
            settings.put("button_color", branding.buttonColor() == null ? "#0074d4" : branding.buttonColor());
            settings.put("display_name", branding.displayName());
            settings.put("font_family", branding.fontFamily() == null ? "default" : branding.fontFamily());
            settings.put("icon", null);
            settings.put("logo", null);
            json.put("branding_settings", settings);
        }
        json.put("cancel_url", s.cancelUrl());
        json.put("client_reference_id", s.clientReferenceId());
        SessionOptions.Embedded embedded = s.options().embedded();
        json.put("client_secret", embedded == null ? null : secrets.secretFor(s.id()));
        json.put("collected_information", collectedInformation(s));
        json.put("consent", consent(s));
        json.put("consent_collection", consentCollection(fields));
        json.put("created", s.created());
        json.put("currency", s.currency());
        json.put("currency_conversion", null);
        json.put("custom_fields", customFields(fields, s.collected().details()));
        var customText = new LinkedHashMap<String, Object>();
        for (String position : List.of("after_submit", "shipping_address", "submit", "terms_of_service_acceptance")) {
            String message = fields.customText().get(position);
            customText.put(position, message == null ? null : Map.of("message", message));
        }
        json.put("custom_text", customText);
        json.put("customer", expandable(expand, "customer", s.customerId(),
                id -> store.customers().get(id), payments::customer));
        json.put("customer_account", null);
        json.put("customer_creation", !payment ? null : s.options().customerCreation() != null
                ? s.options().customerCreation() : s.customerId() == null ? "if_required" : null);
        json.put("customer_details", customerDetails(s));
        json.put("customer_email", s.customerEmail());
        json.put("discounts", discounts(s));
        if (s.methods().excluded() != null) {
            json.put("excluded_payment_method_types", s.methods().excluded()); // present only when set
        }
        json.put("expires_at", s.expiresAt());
        json.put("integration_identifier", s.options().integrationIdentifier());
        String invoiceId = CompletionService.invoiceId(s.id());
        json.put("invoice", store.invoices().get(invoiceId) == null ? null : expandable(expand, "invoice", invoiceId,
                id -> store.invoices().get(id), payments::invoice));
        json.put("invoice_creation", payment ? invoiceCreation(s.options().invoiceCreation()) : null);
        if (expand.contains("line_items") || expand.contains(EXPAND_LINE_ITEM_PRODUCTS)) {
            json.put("line_items", lineItemList(s, new Page<>(lineItems(s), false),
                    expand.contains(EXPAND_LINE_ITEM_PRODUCTS)));
        }
        json.put("livemode", false);
        json.put("locale", s.options().locale());
        json.put("metadata", new TreeMap<>(s.metadata()));
        json.put("mode", s.mode().wire());
        json.put("name_collection", nameCollection(fields));
        json.put("optional_items", optionalItems(s));
        json.put("origin_context", null);
        json.put("payment_intent", expandable(expand, "payment_intent", s.paymentIntentId(),
                id -> store.paymentIntents().get(id), intent -> paymentIntent(s, intent, expand)));
        json.put("payment_link", null);
        json.put("payment_method_collection", payment ? null : s.options().paymentMethodCollection() != null
                ? s.options().paymentMethodCollection() : "always");
        json.put("payment_method_configuration_details", s.methods().dynamic() ? CONFIGURATION_DETAILS : null);
        json.put("payment_method_options", s.methods().options());
        json.put("payment_method_types", s.methods().types());
        json.put("payment_status", s.paymentStatus().wire());
        json.put("permissions", null);
        json.put("phone_number_collection", Map.of("enabled", fields.phone()));
        json.put("recovered_from", s.options().recovery().recoveredFrom());
        if (embedded != null) {
            json.put("redirect_on_completion", embedded.redirectOnCompletion());
            json.put("return_url", embedded.returnUrl());
        }
        json.put("saved_payment_method_options", null);
        json.put("setup_intent", expandable(expand, "setup_intent", s.setupIntentId(),
                id -> store.setupIntents().get(id), payments::setupIntent));
        json.put("shipping_address_collection", s.options().collectsShippingAddress()
                ? Map.of("allowed_countries", s.options().shippingCountries()) : null);
        json.put("shipping_cost", setup ? null : shippingCost(totals.shipping(), expand.contains("shipping_cost.shipping_rate")));
        json.put("shipping_options", shippingOptions(s));
        json.put("status", s.status().wire());
        json.put("submit_type", s.options().submitType());
        json.put("subscription", expandable(expand, "subscription", s.subscriptionId(),
                id -> store.subscriptions().get(id), payments::subscription));
        json.put("success_url", s.successUrl());
        json.put("tax_id_collection", fields.taxIds() == null ? Map.of("enabled", false, "required", "never")
                : Map.of("enabled", fields.taxIds().enabled(), "required", fields.taxIds().required()));
        json.put("total_details", setup ? null : totalDetails(totals));
        json.put("ui_mode", embedded == null ? "hosted_page" : "embedded_page");
        json.put("url", s.isOpen() && embedded == null ? payUrl(s.id()) : null);
        json.put("wallet_options", null);
        return json;
    }

    private static List<Object> optionalItems(CheckoutSession s) {
        var list = new ArrayList<Object>();
        for (LineItem item : s.options().optionalItems()) {
            var json = new LinkedHashMap<String, Object>();
            json.put("adjustable_quantity", item.adjustable() == null ? null : Map.of("enabled", true, "maximum",
                    item.adjustable().maximum(), "minimum", item.adjustable().minimum()));
            json.put("price", item.priceId());
            json.put("quantity", item.quantity());
            list.add(json);
        }
        return list.isEmpty() ? null : list;
    }

    /** How long an expired session's recovery URL works (Stripe: 30 days). */
    public static final long RECOVERY_SECONDS = 30L * 24 * 60 * 60;

    /** {@code after_expiration}: the recovery settings, and once expired the URL and its expiry. */
    private Map<String, Object> afterExpiration(CheckoutSession s) {
        SessionOptions.Recovery r = s.options().recovery();
        if (!r.enabled()) {
            return null;
        }
        boolean expired = s.status() == CheckoutSession.Status.EXPIRED;
        var recovery = new LinkedHashMap<String, Object>();
        recovery.put("allow_promotion_codes", r.allowPromotionCodes());
        recovery.put("enabled", true);
        recovery.put("expires_at", expired ? s.expiresAt() + RECOVERY_SECONDS : null);
        recovery.put("url", expired ? publicBaseUrl.get() + "/c/recover/" + s.id() : null);
        return Map.of("recovery", recovery);
    }

    /** The session's PaymentIntent, with its PaymentMethod and Charge when those are expanded too. */
    private Map<String, Object> paymentIntent(CheckoutSession s,
            org.checkoutpipeline.stripeemulator.payment.PaymentIntent intent, List<String> expand) {
        Map<String, Object> json = payments.paymentIntent(intent);
        if (expand.contains("payment_intent.payment_method")) {
            json.put("payment_method", payments.paymentMethod((String) json.get("payment_method"),
                    intent.paymentMethodType(), intent.methodDetails(), intent.customer(), intent.created(),
                    s.detailsEmail(), s.detailsName()));
        }
        if (expand.contains("payment_intent.latest_charge") && json.get("latest_charge") != null) {
            json.put("latest_charge", payments.charge(intent, s.detailsEmail(), s.detailsName()));
        }
        return json;
    }

    /** A field expanded by name, or implicitly by expanding something inside it ({@code payment_intent.x}). */
    private static <T> Object expandable(List<String> expand, String field, String id,
            java.util.function.Function<String, T> lookup,
            java.util.function.Function<T, Map<String, Object>> render) {
        if (id == null || expand.stream().noneMatch(e -> e.equals(field) || e.startsWith(field + "."))) {
            return id;
        }
        T object = lookup.apply(id);
        return object == null ? id : render.apply(object);
    }

    private static Map<String, Object> customerDetails(CheckoutSession s) {
        if (s.detailsEmail() == null && s.status() != CheckoutSession.Status.COMPLETE) {
            return null;
        }
        Collected.Details collected = s.collected().details();
        var details = new LinkedHashMap<String, Object>();
        details.put("address", collected.billingAddress() == null ? null : collected.billingAddress().toJson());
        details.put("business_name", collected.businessName());
        details.put("email", s.detailsEmail());
        details.put("individual_name", collected.individualName());
        details.put("name", s.detailsName());
        details.put("phone", collected.phone());
        details.put("tax_exempt", "none");
        var taxIds = new ArrayList<Object>();
        for (Collected.TaxId id : collected.taxIds()) {
            taxIds.add(Map.of("type", id.type(), "value", id.value()));
        }
        details.put("tax_ids", taxIds);
        return details;
    }

    private static List<Object> customFields(PageFields fields, Collected.Details collected) {
        var list = new ArrayList<Object>();
        for (PageFields.CustomField f : fields.customFields()) {
            var json = new LinkedHashMap<String, Object>();
            String value = collected.customFields().get(f.key());
            if (f.type().equals("dropdown")) {
                var dropdown = new LinkedHashMap<String, Object>();
                dropdown.put("default_value", f.defaultValue());
                var options = new ArrayList<Object>();
                f.options().forEach(o -> options.add(Map.of("label", o.label(), "value", o.value())));
                dropdown.put("options", options);
                dropdown.put("value", value);
                json.put("dropdown", dropdown);
            }
            json.put("key", f.key());
            var label = new LinkedHashMap<String, Object>();
            label.put("custom", f.label());
            label.put("type", "custom");
            json.put("label", label);
            if (f.type().equals("numeric")) {
                json.put("numeric", textLike(f, value));
            }
            json.put("optional", f.optional());
            if (f.type().equals("text")) {
                json.put("text", textLike(f, value));
            }
            json.put("type", f.type());
            list.add(json);
        }
        return list;
    }

    private static Map<String, Object> textLike(PageFields.CustomField f, String value) {
        var json = new LinkedHashMap<String, Object>();
        json.put("default_value", f.defaultValue());
        json.put("maximum_length", f.maximumLength());
        json.put("minimum_length", f.minimumLength());
        json.put("value", value);
        return json;
    }

    private static Map<String, Object> consentCollection(PageFields fields) {
        if (!fields.hasConsentCollection()) {
            return null;
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("payment_method_reuse_agreement", null);
        json.put("promotions", fields.promotions());
        json.put("terms_of_service", fields.termsOfService());
        return json;
    }

    private static Map<String, Object> consent(CheckoutSession s) {
        PageFields fields = s.options().fields();
        if (!fields.hasConsentCollection() || s.status() != CheckoutSession.Status.COMPLETE) {
            return null;
        }
        Collected.Details details = s.collected().details();
        var json = new LinkedHashMap<String, Object>();
        json.put("promotions", details.promotions());
        json.put("terms_of_service", details.termsAccepted() ? "accepted" : null);
        return json;
    }

    private static Map<String, Object> invoiceCreation(Invoice.Data creation) {
        var data = new LinkedHashMap<String, Object>();
        data.put("account_tax_ids", null);
        data.put("custom_fields", creation == null || creation.customFields().isEmpty() ? null : creation.customFields());
        data.put("description", creation == null ? null : creation.description());
        data.put("footer", creation == null ? null : creation.footer());
        data.put("issuer", null);
        data.put("metadata", creation == null ? Map.of() : new TreeMap<>(creation.metadata()));
        data.put("rendering_options", null);
        var json = new LinkedHashMap<String, Object>();
        json.put("enabled", creation != null);
        json.put("invoice_data", data);
        return json;
    }

    private static Map<String, Object> totalDetails(Totals totals) {
        var json = new LinkedHashMap<String, Object>();
        json.put("amount_discount", totals.discount());
        json.put("amount_shipping", totals.shippingAmount());
        json.put("amount_tax", totals.tax());
        return json;
    }

    private static List<Object> discounts(CheckoutSession s) {
        SessionOptions.Discount discount = s.options().discount();
        if (discount == null) {
            return List.of();
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("coupon", discount.coupon().id());
        json.put("promotion_code", discount.promotionCode() == null ? null : discount.promotionCode().id());
        return List.of(json);
    }

    private static List<Object> shippingOptions(CheckoutSession s) {
        var options = new ArrayList<Object>();
        for (var rate : s.options().shippingOptions()) {
            var json = new LinkedHashMap<String, Object>();
            json.put("shipping_amount", rate.amount());
            json.put("shipping_rate", rate.id());
            options.add(json);
        }
        return options;
    }

    private static Map<String, Object> shippingCost(Totals.Shipping shipping, boolean expandRate) {
        if (shipping == null) {
            return null;
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("amount_subtotal", shipping.subtotal());
        json.put("amount_tax", shipping.tax());
        json.put("amount_total", shipping.total());
        json.put("shipping_rate", expandRate ? CatalogJson.shippingRate(shipping.rate())
                : shipping.rate().id());
        return json;
    }

    private static Map<String, Object> collectedInformation(CheckoutSession s) {
        var shipping = s.collected().shipping();
        Collected.Details d = s.collected().details();
        PageFields fields = s.options().fields();
        boolean names = fields.businessName() != null || fields.individualName() != null;
        if (shipping == null && !names) {
            return null;
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("business_name", fields.businessName() == null ? null : d.businessName());
        json.put("individual_name", d.individualName());
        if (shipping == null) {
            json.put("shipping_details", null);
        } else {
            var details = new LinkedHashMap<String, Object>();
            details.put("address", shipping.address().toJson());
            details.put("name", shipping.name());
            json.put("shipping_details", details);
        }
        return json;
    }

    private static Map<String, Object> nameCollection(PageFields fields) {
        if (fields.businessName() == null && fields.individualName() == null) {
            return null;
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("business", nameField(fields.businessName()));
        json.put("individual", nameField(fields.individualName()));
        return json;
    }

    private static Map<String, Object> nameField(PageFields.NameField field) {
        return field == null ? null : Map.of("enabled", true, "optional", field.optional());
    }

    /** A session's line items in display order, each paired with its derived id. */
    public List<IndexedItem> lineItems(CheckoutSession s) {
        var items = new ArrayList<IndexedItem>(s.lineItems().size());
        List<Totals.Line> amounts = s.totals().lines();
        for (int i = 0; i < s.lineItems().size(); i++) {
            items.add(new IndexedItem(i, s.lineItems().get(i), amounts.get(i)));
        }
        return items;
    }

    /** A line item with its position (from which its ids derive) and its computed amounts. */
    public record IndexedItem(int index, LineItem item, Totals.Line amounts) {}

    /** @param expandProduct whether each price's {@code product} is expanded */
    public Map<String, Object> lineItemList(CheckoutSession s, Page<IndexedItem> page,
            boolean expandProduct) {
        return page.toJson("/v1/checkout/sessions/" + s.id() + "/line_items",
                item -> lineItem(s, item, expandProduct));
    }

    public static String lineItemId(String sessionId, int index) {
        return "li_" + suffix(sessionId) + Ids.base62(index, 2);
    }

    /** The index encoded in a line item id of this session, or -1 when it is not one of its ids. */
    public static int lineItemIndex(String sessionId, String lineItemId) {
        String prefix = "li_" + suffix(sessionId);
        if (lineItemId == null || !lineItemId.startsWith(prefix)
                || lineItemId.length() != prefix.length() + 2) {
            return -1;
        }
        return (int) Ids.parseBase62(lineItemId.substring(prefix.length()));
    }

    private static String suffix(String sessionId) {
        return sessionId.startsWith(SESSION_PREFIX) ? sessionId.substring(SESSION_PREFIX.length())
                : sessionId;
    }

    private Map<String, Object> lineItem(CheckoutSession s, IndexedItem indexed, boolean expandProduct) {
        LineItem item = indexed.item();
        String suffix = suffix(s.id()) + Ids.base62(indexed.index(), 2);
        var json = new LinkedHashMap<String, Object>();
        json.put("id", "li_" + suffix);
        json.put("object", "item");
        if (item.adjustable() != null) {
            var adjustable = new LinkedHashMap<String, Object>();
            adjustable.put("enabled", true);
            adjustable.put("maximum", item.adjustable().maximum());
            adjustable.put("minimum", item.adjustable().minimum());
            json.put("adjustable_quantity", adjustable);
        } else {
            json.put("adjustable_quantity", null);
        }
        Totals.Line amounts = indexed.amounts();
        json.put("amount_discount", amounts.discount());
        json.put("amount_subtotal", amounts.subtotal());
        json.put("amount_tax", amounts.tax());
        json.put("amount_total", amounts.total());
        json.put("currency", item.currency());
        json.put("description", item.productName());
        json.put("metadata", Map.of());
        String productId = item.productId() != null ? item.productId() : "prod_" + suffix;
        Object product = expandProduct ? product(s, item, productId) : productId;
        Price catalogPrice = item.priceId() == null ? null : store.prices().get(item.priceId());
        if (catalogPrice != null) {
            json.put("price", CatalogJson.price(catalogPrice, product));
        } else {
            var price = new LinkedHashMap<String, Object>();
            price.put("id", "price_" + suffix);
            price.put("object", "price");
            price.put("active", false);
            price.put("billing_scheme", "per_unit");
            price.put("created", s.created());
            price.put("currency", item.currency());
            price.put("custom_unit_amount", null);
            price.put("livemode", false);
            price.put("lookup_key", null);
            price.put("metadata", Map.of());
            price.put("nickname", null);
            price.put("product", product);
            price.put("recurring", CatalogJson.recurring(item.interval(), item.intervalCount()));
            price.put("tax_behavior", item.taxBehavior());
            price.put("tiers_mode", null);
            price.put("transform_quantity", null);
            price.put("type", item.recurring() ? "recurring" : "one_time");
            price.put("unit_amount", item.unitAmount());
            price.put("unit_amount_decimal", item.unitAmountDecimal());
            json.put("price", price);
        }
        json.put("quantity", item.quantity());
        return json;
    }

    /** The line item's product: the catalog's, or the one {@code product_data} described. */
    private Map<String, Object> product(CheckoutSession s, LineItem item, String productId) {
        Product stored = item.productId() == null ? null : store.products().get(item.productId());
        if (stored != null) {
            return CatalogJson.product(stored);
        }
        return CatalogJson.product(new Product(productId, s.created(), s.created(), item.productName(),
                item.productDescription(), false, item.adHocProduct().images(), null, null, null, null, null,
                item.adHocProduct().metadata()));
    }
}
