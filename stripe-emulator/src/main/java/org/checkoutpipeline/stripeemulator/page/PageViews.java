package org.checkoutpipeline.stripeemulator.page;

import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.checkout.Collected;
import org.checkoutpipeline.stripeemulator.checkout.LineItem;
import org.checkoutpipeline.stripeemulator.checkout.PageFields;
import org.checkoutpipeline.stripeemulator.checkout.SessionOptions;
import org.checkoutpipeline.stripeemulator.checkout.Totals;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.api.HttpUrls;

/** Renders the hosted page's views; every merchant or customer string is escaped. */
final class PageViews {

    private static final java.util.List<String> COUNTRIES = java.util.Arrays.stream(Locale.getISOCountries())
            .sorted(java.util.Comparator.comparing(PageViews::countryName)).toList();

    /**
     * The page's one script, which the Content-Security-Policy allows by its hash. When the browser
     * restores a page from its back/forward cache (Back after paying), it loads it again, so the
     * customer sees the session as it is now, not the filled form. On an embedded page it posts
     * forms itself and then reloads its frame, or sends the merchant's window to {@code return_url}.
     */
    static final String PAGE_SCRIPT =
            "addEventListener(\"pageshow\",function(e){if(e.persisted){location.reload()}});"
            + "document.addEventListener(\"submit\",function(e){var f=e.target;"
            + "if(!f.hasAttribute(\"data-embedded\")){return}e.preventDefault();"
            + "fetch(f.action,{method:\"POST\",body:new URLSearchParams(new FormData(f,e.submitter)),"
            + "headers:{\"Accept\":\"application/json\"},credentials:\"same-origin\"})"
            + ".then(function(r){return r.json()}).then(function(j){"
            + "if(j.top){window.top.location.href=j.location}else{location.href=j.location}})})";

    private static final HtmlTemplate PAGE = HtmlTemplate.load("page.html");
    private static final HtmlTemplate CHECKOUT = HtmlTemplate.load("checkout.html");
    private static final HtmlTemplate LINE_ITEM = HtmlTemplate.load("line-item.html");
    private static final HtmlTemplate MESSAGE = HtmlTemplate.load("message.html");
    private static final HtmlTemplate AUTHENTICATE = HtmlTemplate.load("authenticate.html");
    private static final HtmlTemplate AUTHORIZE = HtmlTemplate.load("authorize.html");
    private static final Html STYLE = new Html(resource("page.css"));
    private final MoneyFormat money;
    private final PageText text;

    PageViews(MoneyFormat money) {
        this(money, PageText.ENGLISH);
    }

    private PageViews(MoneyFormat money, PageText text) {
        this.money = money;
        this.text = text;
    }

    /** These views with the page's fixed text in {@code text}'s language. */
    PageViews in(PageText language) {
        return language == text ? this : new PageViews(money, language);
    }

    private static String resource(String name) {
        try (InputStream in = PageViews.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * The payment form of an open session.
     *
     * @param s the session, with what the customer entered applied (its totals are shown)
     * @param entered what the customer had entered, shown again in the fields
     * @param paymentMethod the selected method, or null for card
     */
    String checkout(CheckoutSession s, String action, String csrfToken, PageError error, Payer entered,
            String paymentMethod) {
        var values = new HashMap<String, Object>();
        values.put("back_link", Html.concat(java.util.List.of(backLink(s.cancelUrl()), merchantName(s))));
        values.put("heading", heading(s));
        values.put("total", headlineTotal(s));
        var items = new ArrayList<Html>();
        for (int i = 0; i < s.lineItems().size(); i++) {
            items.add(item(s.lineItems().get(i), i));
        }
        values.put("items", Html.concat(items));
        values.put("optional_items", optionalItems(s));
        values.put("total_line", s.amountTotal() == null ? Html.EMPTY : summary(s));
        values.put("action", action);
        values.put("form_attrs", embeddedAttribute(s));
        values.put("error", error == null ? Html.EMPTY
                : new Html("<p class=\"error\" id=\"error\" role=\"alert\" data-code=\""
                        + Html.escape(error.code()) + "\">" + Html.escape(text.t(error.message())) + "</p>"));
        values.put("csrf_token", csrfToken);
        values.put("email", entered.email() == null ? "" : entered.email());
        values.put("shipping", Html.concat(java.util.List.of(shippingFields(s, entered), detailFields(s, entered))));
        values.put("consent", consentFields(s, entered));
        String submitText = s.options().fields().customText().get("submit");
        values.put("submit_text", submitText == null ? Html.EMPTY
                : new Html("<p class=\"custom-text\" id=\"custom-text-submit\">" + Html.escape(submitText) + "</p>"));
        values.put("promotion_code", promotionCodeField(s, entered));
        values.put("button", button(s));
        values.put("methods_hidden", new Html(s.collectsPaymentMethod() ? "" : " hidden disabled"));
        values.put("methods", MethodFields.render(s, paymentMethod, entered, text));
        return layout(titleFor(s), Html.concat(java.util.List.of(brandingStyle(s), CHECKOUT.render(values, text))));
    }

    /** Subtotal, discount, shipping and tax lines (each only when there is one), then the total due. */
    private Html summary(CheckoutSession s) {
        Totals totals = s.dueNow();
        var lines = new StringBuilder();
        boolean detailed = totals.discount() > 0 || totals.shipping() != null || totals.tax() > 0;
        if (detailed) {
            lines.append(summaryLine("subtotal", text.t("Subtotal"), money.format(s.currency(), totals.subtotal())));
        }
        SessionOptions.Discount discount = s.options().discount();
        if (discount != null) {
            String label = discount.promotionCode() != null ? discount.promotionCode().code()
                    : discount.coupon().name() != null ? discount.coupon().name() : text.t("Discount");
            lines.append(summaryLine("discount", label, "−" + money.format(s.currency(), totals.discount())));
        }
        if (totals.shipping() != null) {
            lines.append(summaryLine("shipping", text.t("Shipping") + " · " + totals.shipping().rate().displayName(),
                    money.format(s.currency(), totals.shipping().subtotal())));
        }
        if (totals.tax() > 0) {
            lines.append(summaryLine("tax", text.t("Tax"), money.format(s.currency(), totals.tax())));
        }
        lines.append("<div class=\"total-line\"><span>").append(Html.escape(text.t("Total due today")))
                .append("</span><span id=\"total-due\">")
                .append(Html.escape(money.format(s.currency(), totals.total()))).append("</span></div>");
        return new Html(lines.toString());
    }

    private static String summaryLine(String id, String label, String amount) {
        return "<div class=\"summary-line\" id=\"summary-" + id + "\"><span>" + Html.escape(label)
                + "</span><span>" + Html.escape(amount) + "</span></div>";
    }

    /** Shipping address fields and the shipping options, when the session asks for them. */
    private Html shippingFields(CheckoutSession s, Payer entered) {
        var html = new StringBuilder();
        SessionOptions options = s.options();
        if (options.collectsShippingAddress()) {
            Address.Shipping shipping = entered.shipping();
            Address a = shipping == null || shipping.address() == null ? null : shipping.address();
            html.append("<fieldset id=\"shipping-address\"><legend>" + Html.escape(text.t("Shipping address")) + "</legend>");
            String shippingText = options.fields().customText().get("shipping_address");
            if (shippingText != null) {
                html.append("<p class=\"custom-text\" id=\"custom-text-shipping\">").append(Html.escape(shippingText))
                        .append("</p>");
            }
            html.append(textField("shipping-name", "shipping_name", text.t("Full name"), "shipping name",
                    shipping == null ? null : shipping.name()));
            html.append("<label for=\"shipping-country\">" + Html.escape(text.t("Country or region")) + "</label>")
                    .append("<select id=\"shipping-country\" name=\"shipping_country\" autocomplete=\"shipping country\">");
            for (String country : options.shippingCountries()) {
                boolean selected = a != null && country.equals(a.country());
                html.append("<option value=\"").append(Html.escape(country)).append('"')
                        .append(selected ? " selected" : "").append('>').append(Html.escape(countryName(country, text)))
                        .append("</option>");
            }
            html.append("</select>");
            html.append(textField("shipping-line1", "shipping_line1", text.t("Address line 1"), "shipping address-line1",
                    a == null ? null : a.line1()));
            html.append(textField("shipping-line2", "shipping_line2", text.t("Address line 2 (optional)"),
                    "shipping address-line2", a == null ? null : a.line2()));
            html.append("<div class=\"row\"><div>").append(textField("shipping-city", "shipping_city", text.t("City"),
                    "shipping address-level2", a == null ? null : a.city())).append("</div><div>")
                    .append(textField("shipping-postal-code", "shipping_postal_code", text.t("Postal code"),
                            "shipping postal-code", a == null ? null : a.postalCode())).append("</div></div>");
            html.append(textField("shipping-state", "shipping_state", text.t("State or province (optional)"),
                    "shipping address-level1", a == null ? null : a.state()));
            html.append("</fieldset>");
        }
        if (!options.shippingOptions().isEmpty()) {
            String chosen = s.shippingRate() == null ? null : s.shippingRate().id();
            html.append("<fieldset id=\"shipping-options\"><legend>" + Html.escape(text.t("Shipping method")) + "</legend>");
            for (ShippingRate rate : options.shippingOptions()) {
                String id = "shipping-rate-" + Html.escape(rate.id());
                html.append("<label class=\"choice\" for=\"").append(id).append("\"><input type=\"radio\" name=\"")
                        .append("shipping_rate\" id=\"").append(id).append("\" value=\"").append(Html.escape(rate.id()))
                        .append('"').append(rate.id().equals(chosen) ? " checked" : "").append("> <span>")
                        .append(Html.escape(rate.displayName())).append("</span> <span class=\"choice-amount\">")
                        .append(Html.escape(money.format(rate.currency(), rate.amount()))).append("</span>")
                        .append(estimate(rate)).append("</label>");
            }
            html.append("</fieldset>");
        }
        return new Html(html.toString());
    }

    /** Billing address, phone, business tax ID and custom fields, as the session asks for them. */
    private Html detailFields(CheckoutSession s, Payer entered) {
        PageFields fields = s.options().fields();
        Collected.Details d = entered.details() == null ? Collected.Details.NONE : entered.details();
        var html = new StringBuilder();
        if (fields.individualName() != null) {
            html.append(textField("individual-name", "individual_name", text.t("Full name")
                    + (fields.individualName().optional() ? " " + text.t("(optional)") : ""), "name", d.individualName()));
        }
        if (fields.businessName() != null) {
            html.append(textField("business-name", "business_name", text.t("Business name")
                    + (fields.businessName().optional() ? " " + text.t("(optional)") : ""), "organization",
                    d.businessName()));
        }
        if (fields.phone()) {
            html.append("<label for=\"phone\">" + Html.escape(text.t("Phone number")) + "</label><input type=\"tel\" id=\"phone\" name=\"phone\""
                    + " autocomplete=\"tel\" value=\"").append(Html.escape(d.phone() == null ? "" : d.phone()))
                    .append("\">");
        }
        String billingMode = s.options().billingAddressMode();
        if (billingMode != null) {
            Address a = d.billingAddress();
            boolean full = billingMode.equals("required");
            html.append("<fieldset id=\"billing-address\"><legend>" + Html.escape(text.t("Billing address")) + "</legend>");
            html.append("<label for=\"billing-country\">" + Html.escape(text.t("Country or region")) + "</label><select id=\"billing-country\""
                    + " name=\"billing_country\" autocomplete=\"billing country\"><option value=\"\"></option>");
            for (String country : COUNTRIES) {
                html.append("<option value=\"").append(country).append('"')
                        .append(a != null && country.equals(a.country()) ? " selected" : "").append('>')
                        .append(Html.escape(countryName(country, text))).append("</option>");
            }
            html.append("</select>");
            if (full) {
                html.append(textField("billing-line1", "billing_line1", text.t("Address line 1"), "billing address-line1",
                        a == null ? null : a.line1()));
                html.append(textField("billing-line2", "billing_line2", text.t("Address line 2 (optional)"),
                        "billing address-line2", a == null ? null : a.line2()));
                html.append(textField("billing-city", "billing_city", text.t("City"), "billing address-level2",
                        a == null ? null : a.city()));
                html.append(textField("billing-state", "billing_state", text.t("State or province (optional)"),
                        "billing address-level1", a == null ? null : a.state()));
            }
            html.append(textField("billing-postal-code", "billing_postal_code", full ? text.t("Postal code")
                    : text.t("Postal code (optional)"), "billing postal-code", a == null ? null : a.postalCode()));
            html.append("</fieldset>");
        }
        if (fields.taxIds() != null && fields.taxIds().enabled()) {
            boolean required = "if_supported".equals(fields.taxIds().required());
            Collected.TaxId id = d.taxIds().isEmpty() ? null : d.taxIds().get(0);
            html.append("<fieldset id=\"tax-id\"><legend>").append(required ? "Business tax ID"
                    : "Purchasing as a business? (optional)").append("</legend>");
            if (fields.businessName() == null) {
                html.append(textField("business-name", "business_name", text.t("Business name"), "organization",
                        d.businessName()));
            }
            html.append("<label for=\"tax-id-type\">Tax ID type</label><select id=\"tax-id-type\" name=\"tax_id_type\">");
            for (String type : PageFields.TAX_ID_TYPES) {
                html.append("<option value=\"").append(type).append('"')
                        .append(id != null && type.equals(id.type()) ? " selected" : "").append('>')
                        .append(Html.escape(type.replace('_', ' ').toUpperCase(Locale.ROOT))).append("</option>");
            }
            html.append("</select>");
            html.append(textField("tax-id-value", "tax_id_value", "Tax ID", "off", id == null ? null : id.value()));
            html.append("</fieldset>");
        }
        for (PageFields.CustomField f : fields.customFields()) {
            String value = d.customFields().containsKey(f.key()) ? d.customFields().get(f.key()) : f.defaultValue();
            String id = "custom-field-" + Html.escape(f.key());
            String name = "custom_field_" + Html.escape(f.key());
            html.append("<label for=\"").append(id).append("\">").append(Html.escape(f.label()))
                    .append(f.optional() ? " " + Html.escape(text.t("(optional)")) : "").append("</label>");
            if (f.type().equals("dropdown")) {
                html.append("<select id=\"").append(id).append("\" name=\"").append(name).append("\">");
                html.append("<option value=\"\"></option>");
                for (var o : f.options()) {
                    html.append("<option value=\"").append(Html.escape(o.value())).append('"')
                            .append(o.value().equals(value) ? " selected" : "").append('>')
                            .append(Html.escape(o.label())).append("</option>");
                }
                html.append("</select>");
            } else {
                html.append("<input type=\"text\" id=\"").append(id).append("\" name=\"").append(name).append('"')
                        .append(f.type().equals("numeric") ? " inputmode=\"numeric\"" : "")
                        .append(f.maximumLength() == null ? "" : " maxlength=\"" + f.maximumLength() + "\"")
                        .append(" value=\"").append(Html.escape(value == null ? "" : value)).append("\">");
            }
        }
        return new Html(html.toString());
    }

    /** The terms-of-service and promotional-email boxes, as {@code consent_collection} asks. */
    private Html consentFields(CheckoutSession s, Payer entered) {
        PageFields fields = s.options().fields();
        Collected.Details d = entered.details() == null ? Collected.Details.NONE : entered.details();
        var html = new StringBuilder();
        if (fields.asksPromotionsConsent()) {
            html.append("<label class=\"check\" for=\"consent-promotions\"><input type=\"checkbox\""
                    + " id=\"consent-promotions\" name=\"consent_promotions\" value=\"opt_in\"")
                    .append("opt_in".equals(d.promotions()) ? " checked" : "")
                    .append("> Keep me updated with news and personalized offers</label>");
        }
        if (fields.requiresTerms()) {
            String custom = fields.customText().get("terms_of_service_acceptance");
            html.append("<label class=\"check\" for=\"consent-terms\"><input type=\"checkbox\" id=\"consent-terms\""
                    + " name=\"consent_terms\" value=\"accepted\"").append(d.termsAccepted() ? " checked" : "")
                    .append("> <span id=\"terms-text\">").append(Html.escape(custom != null ? custom
                            : text.t("I agree to the Terms of Service."))).append("</span></label>");
        }
        return new Html(html.toString());
    }

    private Html promotionCodeField(CheckoutSession s, Payer entered) {
        if (!s.options().allowPromotionCodes()) {
            return Html.EMPTY;
        }
        String code = entered.promotionCode() == null ? "" : Html.escape(entered.promotionCode());
        return new Html("<label for=\"promotion-code\">" + Html.escape(text.t("Promotion code")) + "</label><div class=\"row code-row\">"
                + "<div><input type=\"text\" id=\"promotion-code\" name=\"promotion_code\" value=\"" + code
                + "\" autocomplete=\"off\"></div><div class=\"code-apply\"><button type=\"submit\""
                + " class=\"secondary-neutral\" name=\"apply_promotion_code\" value=\"1\" id=\"apply-code\">" + Html.escape(text.t("Apply"))
                + "</button></div></div>");
    }

    private static String textField(String id, String name, String label, String autocomplete, String value) {
        return "<label for=\"" + id + "\">" + Html.escape(label) + "</label><input type=\"text\" id=\"" + id
                + "\" name=\"" + name + "\" autocomplete=\"" + autocomplete + "\" value=\""
                + Html.escape(value == null ? "" : value) + "\">";
    }

    private static String estimate(ShippingRate rate) {
        ShippingRate.DeliveryEstimate e = rate.estimate();
        if (e == null || e.minimumUnit() == null && e.maximumUnit() == null) {
            return "";
        }
        String text = e.minimumValue() != null && e.maximumValue() != null
                ? e.minimumValue() + "–" + e.maximumValue() + " " + unit(e.maximumUnit())
                : e.maximumValue() != null ? "up to " + e.maximumValue() + " " + unit(e.maximumUnit())
                : "at least " + e.minimumValue() + " " + unit(e.minimumUnit());
        return "<span class=\"item-meta\"> · " + Html.escape(text) + "</span>";
    }

    private static String unit(String unit) {
        return unit.replace('_', ' ') + "s";
    }

    private static String countryName(String code) {
        return countryName(code, PageText.ENGLISH);
    }

    /** A country's name in the page's language. */
    private static String countryName(String code, PageText text) {
        String name = new Locale("", code).getDisplayCountry(Locale.forLanguageTag(text.language()));
        return name.isEmpty() || name.equals(code) ? code : name;
    }

    /** The {@code optional_items} a customer may add, each a box (and a quantity if adjustable) of the form. */
    private Html optionalItems(CheckoutSession s) {
        var offered = s.options().optionalItems();
        if (offered.isEmpty()) {
            return Html.EMPTY;
        }
        var html = new StringBuilder("<ul class=\"items optional\" id=\"optional-items\">");
        for (int i = 0; i < offered.size(); i++) {
            LineItem item = offered.get(i);
            html.append("<li class=\"item\"><label class=\"check\" for=\"optional-").append(i).append("\">")
                    .append("<input type=\"checkbox\" form=\"payment-form\" id=\"optional-").append(i)
                    .append("\" name=\"optional_").append(i).append("\" value=\"add\"> ")
                    .append(Html.escape(text.t("Add {0}", item.productName()))).append("</label>");
            if (item.adjustable() != null) {
                html.append("<input type=\"number\" form=\"payment-form\" name=\"optional_quantity_").append(i)
                        .append("\" id=\"optional-quantity-").append(i).append("\" min=\"").append(item.adjustable().minimum())
                        .append("\" max=\"").append(item.adjustable().maximum()).append("\" value=\"")
                        .append(item.quantity()).append("\" aria-label=\"").append(Html.escape(text.t("Qty"))).append("\">");
            }
            html.append("<div class=\"item-total\">").append(Html.escape(money.format(item.currency(), item.amountTotal())))
                    .append("</div></li>");
        }
        return new Html(html.append("</ul>").toString());
    }

    /** The merchant's {@code branding_settings[display_name]} above the summary. */
    private static Html merchantName(CheckoutSession s) {
        var branding = s.options().branding();
        return branding == null || branding.displayName() == null ? Html.EMPTY
                : new Html("<p class=\"merchant\" id=\"merchant-name\">" + Html.escape(branding.displayName()) + "</p>");
    }

    /**
     * The page's colors, corners and font from {@code branding_settings}; the colors are checked hex
     * values and the rest are fixed words, so nothing but them reaches the style sheet.
     */
    private static Html brandingStyle(CheckoutSession s) {
        var b = s.options().branding();
        if (b == null) {
            return Html.EMPTY;
        }
        var css = new StringBuilder("<style>");
        if (b.backgroundColor() != null) {
            css.append("body{background:").append(b.backgroundColor()).append('}');
        }
        if (b.buttonColor() != null) {
            css.append("button:not(.secondary):not(.secondary-neutral){background:").append(b.buttonColor()).append('}');
        }
        if (b.borderStyle() != null) {
            String radius = switch (b.borderStyle()) {
                case "pill" -> "999px";
                case "rectangular" -> "0";
                default -> "6px";
            };
            css.append("input,select,button,.methods label,.choice{border-radius:").append(radius).append('}');
        }
        if (b.fontFamily() != null && !b.fontFamily().equals("default")) {
            String family = java.util.Arrays.stream(b.fontFamily().split("_"))
                    .map(w -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1))
                    .collect(java.util.stream.Collectors.joining(" "));
            css.append("body{font-family:\"").append(family).append("\",-apple-system,\"Segoe UI\",Roboto,sans-serif}");
        }
        return new Html(css.append("</style>").toString());
    }

    /** Marks the forms of an embedded session's page, which its script posts. */
    private static Html embeddedAttribute(CheckoutSession s) {
        return new Html(s.options().embedded() == null ? "" : " data-embedded");
    }

    /** The 3D Secure step; {@code entered} is the token of what the customer entered on the form. */
    String authenticate(CheckoutSession s, String action, String csrfToken, String entered) {
        var values = new HashMap<String, Object>();
        values.put("total", headlineTotal(s));
        values.put("action", action);
        values.put("csrf_token", csrfToken);
        values.put("entered", entered == null ? "" : entered);
        values.put("form_attrs", embeddedAttribute(s));
        return layout(text.t("Authenticate your payment"), AUTHENTICATE.render(values, text));
    }

    /** A redirect method's authorize / fail test page; {@code entered} is the token of the form's values. */
    String authorize(CheckoutSession s, String action, String csrfToken, String entered, String paymentMethod) {
        var values = new HashMap<String, Object>();
        values.put("total", headlineTotal(s));
        values.put("action", action);
        values.put("csrf_token", csrfToken);
        values.put("entered", entered);
        values.put("form_attrs", embeddedAttribute(s));
        values.put("method", MethodFields.label(
                org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog.stripe().get(paymentMethod), text));
        var branding = s.options().branding();
        values.put("merchant", branding != null && branding.displayName() != null ? branding.displayName()
                : text.t("Test merchant"));
        return layout(text.t("Authorize test payment"), AUTHORIZE.render(values, text));
    }

    /** A voucher's instructions: the amount, its number, when it expires, and whether it is paid. */
    String voucher(PaymentIntent intent, CheckoutSession s) {
        String method = MethodFields.label(PaymentMethodCatalog.stripe().get(intent.paymentMethodType()), text);
        String state = switch (intent.status()) {
            case "succeeded" -> "This voucher has been paid.";
            case "requires_action" -> "Not paid yet.";
            default -> "This voucher has expired and can no longer be paid.";
        };
        String detail = "Pay " + money.format(intent.currency(), intent.amount()) + " with voucher number "
                + PaymentJson.voucherNumber(intent.id()) + " before "
                + java.time.Instant.ofEpochSecond(intent.voucherExpiresAt()) + ". " + state;
        return message(method + " voucher", detail, s == null ? null : "Return to the merchant",
                s == null ? null : s.successUrl());
    }

    /** A page with a heading, a sentence and an optional link (only http(s) targets are linked). */
    String message(String heading, String detail, String linkText, String linkUrl) {
        var values = new HashMap<String, Object>();
        values.put("heading", heading);
        values.put("detail", detail);
        boolean own = linkUrl != null && linkUrl.startsWith(PaymentJson.VOUCHER_PATH);
        values.put("link", linkUrl == null || !(own || HttpUrls.isCheckoutUrl(linkUrl)) ? Html.EMPTY
                : new Html("<p><a id=\"return-link\" href=\"" + Html.escape(linkUrl) + "\">"
                        + Html.escape(linkText) + "</a></p>"));
        return layout(heading, MESSAGE.render(values, text));
    }

    private String layout(String title, Html body) {
        return PAGE.render(Map.of("title", title, "style", STYLE, "body", body,
                "script", new Html(PAGE_SCRIPT), "lang", text.language()), text).value();
    }

    private Html backLink(String cancelUrl) {
        if (cancelUrl == null || !HttpUrls.isCheckoutUrl(cancelUrl)) {
            return Html.EMPTY;
        }
        return new Html("<a class=\"back\" id=\"back-link\" href=\"" + Html.escape(cancelUrl)
                + "\">&larr; " + Html.escape(text.t("Back")) + "</a>");
    }

    private Html item(LineItem item, int index) {
        var values = new HashMap<String, Object>();
        // An adjustable quantity is a field of the payment form (form="payment-form"), beside the item.
        values.put("quantity_field", item.adjustable() == null ? Html.EMPTY : new Html("<label class=\"quantity\""
                + " for=\"quantity-" + index + "\">" + Html.escape(text.t("Qty")) + " <input type=\"number\""
                + " form=\"payment-form\" id=\"quantity-" + index + "\" name=\"quantity_" + index + "\" min=\""
                + item.adjustable().minimum() + "\" max=\"" + item.adjustable().maximum() + "\" value=\""
                + item.quantity() + "\"></label>"));
        values.put("name", item.productName());
        values.put("description", item.productDescription() == null ? Html.EMPTY
                : new Html("<div class=\"item-meta\">" + Html.escape(item.productDescription()) + "</div>"));
        values.put("quantity", item.quantity());
        String unit = money.format(item.currency(), new BigDecimal(item.unitAmountDecimal()));
        values.put("unit_price", item.recurring() ? unit + " " + interval(item) : text.t("{0} each", unit));
        String amount = money.format(item.currency(), item.amountTotal());
        values.put("amount", item.recurring() ? amount + " " + interval(item) : amount);
        return LINE_ITEM.render(values, text);
    }

    /** The submit button's word: the session's {@code submit_type}, else its mode's. */
    private String button(CheckoutSession s) {
        String submitType = s.options().submitType();
        if (submitType != null && !submitType.equals("auto")) {
            return switch (submitType) {
                case "book" -> text.t("Book");
                case "donate" -> text.t("Donate");
                case "subscribe" -> text.t("Subscribe");
                default -> text.t("Pay");
            };
        }
        return switch (s.mode()) {
            case PAYMENT -> text.t("Pay");
            case SUBSCRIPTION -> text.t("Subscribe");
            case SETUP -> text.t("Save card");
        };
    }

    private String heading(CheckoutSession s) {
        return switch (s.mode()) {
            case PAYMENT -> text.t("Pay {0}", merchantItems(s));
            case SUBSCRIPTION -> text.t("Subscribe to {0}", merchantItems(s));
            case SETUP -> text.t("Save your card for future payments");
        };
    }

    private String merchantItems(CheckoutSession s) {
        if (s.lineItems().size() == 1) {
            return s.lineItems().get(0).productName();
        }
        return text.t("{0} items", Integer.toString(s.lineItems().size()));
    }

    private String headlineTotal(CheckoutSession s) {
        if (s.amountTotal() == null) {
            return s.currency().toUpperCase(Locale.ROOT) + " · no charge today";
        }
        String total = money.format(s.currency(), s.dueNow().total());
        if (s.mode() == CheckoutSession.Mode.SUBSCRIPTION) {
            LineItem recurring = s.lineItems().stream().filter(LineItem::recurring).findFirst().orElse(null);
            if (recurring != null && s.options().subscriptionData().hasTrial()) {
                return "Free trial, then " + money.format(s.currency(), recurring.amountTotal()) + " "
                        + interval(recurring);
            }
            if (recurring != null) {
                return total + " " + interval(recurring);
            }
        }
        return total;
    }

    private String interval(LineItem item) {
        return item.intervalCount() <= 1 ? text.t("per {0}", text.t(item.interval()))
                : "every " + item.intervalCount() + " " + item.interval() + "s";
    }

    private String titleFor(CheckoutSession s) {
        return switch (s.mode()) {
            case PAYMENT -> text.t("Checkout");
            case SUBSCRIPTION -> text.t("Subscribe");
            case SETUP -> text.t("Save payment details");
        };
    }
}
