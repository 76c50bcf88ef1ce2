package org.checkoutpipeline.schemas.order;

import static org.checkoutpipeline.schemas.order.OrderValidator.require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.CustomText;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.SubmitType;

/**
 * Stripe's rules for an order's {@link CheckoutOptions}: which options a mode allows and which
 * exclude each other. Each failure names the option as {@code checkout.<field>}.
 */
final class CheckoutOptionsRules {

    static final int MAX_SHIPPING_OPTIONS = 5;
    static final int MAX_CUSTOM_FIELDS = 3;
    static final int MAX_CUSTOM_TEXT = 1_200;
    static final int MAX_TRIAL_DAYS = 730;
    private static final Pattern METHOD_TYPE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern LOCALE = Pattern.compile("auto|[a-z]{2}(-[A-Z]{2}|-[0-9]{3})?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{1,200}");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9]{1,100}");

    private CheckoutOptionsRules() {
    }

    static void validate(OrderPlaced order) {
        CheckoutOptions o = order.getCheckout();
        CheckoutMode mode = order.getMode();
        ids("checkout.paymentMethodTypes", o.getPaymentMethodTypes(), METHOD_TYPE, "a Stripe payment method type such as 'card'");
        require(o.getLocale() == null || LOCALE.matcher(o.getLocale()).matches(), "checkout.locale", o.getLocale(),
                "checkout.locale must be 'auto' or a Stripe locale such as 'de' or 'fr-CA'. Got: '" + o.getLocale() + "'");
        customer(order, o, mode);
        discounts(o, mode);
        shipping(o, mode);
        tax(o, mode);
        customFields(o.getCustomFields());
        customText(o);
        SubmitType submit = o.getSubmitType();
        if (submit != null) {
            notIn(mode, CheckoutMode.SETUP, "checkout.submitType");
        }
        Integer trial = o.getTrialPeriodDays();
        if (trial != null) {
            onlyIn(mode, CheckoutMode.SUBSCRIPTION, "checkout.trialPeriodDays", trial);
            require(trial >= 1 && trial <= MAX_TRIAL_DAYS, "checkout.trialPeriodDays", trial,
                    "checkout.trialPeriodDays must be from 1 to " + MAX_TRIAL_DAYS + ". Got: " + trial);
        }
        if (o.getManualCapture()) {
            onlyIn(mode, CheckoutMode.PAYMENT, "checkout.manualCapture", true);
        }
    }

    private static void customer(OrderPlaced order, CheckoutOptions o, CheckoutMode mode) {
        String customer = o.getStripeCustomerId();
        if (customer != null) {
            require(customer.startsWith("cus_"), "checkout.stripeCustomerId", customer,
                    "checkout.stripeCustomerId must be a Stripe Customer id (cus_...). Got: '" + customer + "'");
            require(order.getCustomerEmail() == null, "customerEmail", order.getCustomerEmail(), "customerEmail must be "
                    + "empty with checkout.stripeCustomerId: Stripe uses the Customer's own email. Got: '"
                    + order.getCustomerEmail() + "'");
            require(o.getCustomerCreation() == null, "checkout.customerCreation", o.getCustomerCreation(),
                    "checkout.customerCreation cannot be combined with checkout.stripeCustomerId (the Customer exists)");
        }
        if (o.getCustomerCreation() != null) {
            onlyIn(mode, CheckoutMode.PAYMENT, "checkout.customerCreation", o.getCustomerCreation());
        }
    }

    private static void discounts(CheckoutOptions o, CheckoutMode mode) {
        boolean discounted = o.getCouponId() != null || o.getPromotionCodeId() != null;
        require(o.getCouponId() == null || o.getPromotionCodeId() == null, "checkout.promotionCodeId", o.getPromotionCodeId(),
                "checkout.couponId and checkout.promotionCodeId exclude each other: a session takes one discount");
        require(!(discounted && o.getAllowPromotionCodes()), "checkout.allowPromotionCodes", true,
                "checkout.allowPromotionCodes cannot be combined with checkout.couponId or checkout.promotionCodeId:"
                        + " Stripe applies either the order's discount or the customer's code");
        require(o.getPromotionCodeId() == null || o.getPromotionCodeId().startsWith("promo_"), "checkout.promotionCodeId",
                o.getPromotionCodeId(), "checkout.promotionCodeId must be a Promotion Code id (promo_...), not the code"
                        + " the customer types. Got: '" + o.getPromotionCodeId() + "'");
        require(o.getCouponId() == null || !o.getCouponId().isBlank(), "checkout.couponId", o.getCouponId(),
                "checkout.couponId must not be blank");
        if (discounted || o.getAllowPromotionCodes()) {
            notIn(mode, CheckoutMode.SETUP, discounted ? "checkout.couponId" : "checkout.allowPromotionCodes");
        }
    }

    private static void shipping(CheckoutOptions o, CheckoutMode mode) {
        for (int i = 0; i < o.getShippingCountries().size(); i++) {
            String country = o.getShippingCountries().get(i);
            require(COUNTRY.matcher(country).matches(), "checkout.shippingCountries[" + i + "]", country,
                    "checkout.shippingCountries[" + i + "] must be a two-letter uppercase country code such as 'DE'. Got: '"
                            + country + "'");
        }
        if (!o.getShippingCountries().isEmpty()) {
            notIn(mode, CheckoutMode.SETUP, "checkout.shippingCountries");
        }
        int options = o.getShippingRateIds().size() + o.getShippingRates().size();
        if (options == 0) {
            return;
        }
        onlyIn(mode, CheckoutMode.PAYMENT, o.getShippingRateIds().isEmpty() ? "checkout.shippingRates" : "checkout.shippingRateIds",
                options + " options");
        require(!o.getShippingCountries().isEmpty(), "checkout.shippingCountries", "[]",
                "checkout.shippingCountries must name where to ship when shipping rates are offered");
        require(options <= MAX_SHIPPING_OPTIONS, "checkout.shippingRates", options,
                "at most " + MAX_SHIPPING_OPTIONS + " shipping options (shippingRateIds and shippingRates together). Got " + options);
        ids("checkout.shippingRateIds", o.getShippingRateIds(), Pattern.compile("shr_[A-Za-z0-9_]+"), "a Shipping Rate id (shr_...)");
        for (int i = 0; i < o.getShippingRates().size(); i++) {
            ShippingRateData rate = o.getShippingRates().get(i);
            String path = "checkout.shippingRates[" + i + "]";
            require(!rate.getDisplayName().isBlank() && rate.getDisplayName().length() <= 100, path + ".displayName",
                    rate.getDisplayName(), path + ".displayName must be 1 to 100 characters. Got: '" + rate.getDisplayName() + "'");
            require(rate.getAmount() >= 0 && rate.getAmount() <= OrderValidator.MAX_UNIT_AMOUNT, path + ".amount",
                    rate.getAmount(), path + ".amount must be from 0 to " + OrderValidator.MAX_UNIT_AMOUNT + ". Got: " + rate.getAmount());
            Integer min = rate.getDeliveryDaysMin();
            Integer max = rate.getDeliveryDaysMax();
            require((min == null || min >= 1) && (max == null || max >= 1) && (min == null || max == null || min <= max),
                    path + ".deliveryDaysMin", min + ".." + max, path + " delivery days must be at least 1 with minimum <= maximum. Got: "
                            + min + ".." + max);
        }
    }

    private static void tax(CheckoutOptions o, CheckoutMode mode) {
        require(!(o.getAutomaticTax() && !o.getTaxRateIds().isEmpty()), "checkout.taxRateIds", o.getTaxRateIds(),
                "checkout.taxRateIds cannot be combined with checkout.automaticTax: Stripe Tax computes the rates");
        ids("checkout.taxRateIds", o.getTaxRateIds(), Pattern.compile("txr_[A-Za-z0-9_]+"), "a Tax Rate id (txr_...)");
        if (o.getAutomaticTax() || !o.getTaxRateIds().isEmpty()) {
            notIn(mode, CheckoutMode.SETUP, o.getAutomaticTax() ? "checkout.automaticTax" : "checkout.taxRateIds");
        }
    }

    private static void customFields(List<CustomField> fields) {
        require(fields.size() <= MAX_CUSTOM_FIELDS, "checkout.customFields", fields.size(),
                "checkout.customFields may have at most " + MAX_CUSTOM_FIELDS + " fields. Got " + fields.size());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            CustomField field = fields.get(i);
            String path = "checkout.customFields[" + i + "]";
            require(KEY.matcher(field.getKey()).matches(), path + ".key", field.getKey(),
                    path + ".key must be 1 to 200 letters and digits. Got: '" + field.getKey() + "'");
            require(keys.add(field.getKey()), path + ".key", field.getKey(), path + ".key '" + field.getKey() + "' is used twice");
            require(!field.getLabel().isBlank() && field.getLabel().length() <= 50, path + ".label", field.getLabel(),
                    path + ".label must be 1 to 50 characters. Got: '" + field.getLabel() + "'");
            int options = field.getOptions().size();
            if (field.getType() == CustomFieldType.DROPDOWN) {
                require(options >= 1 && options <= 200, path + ".options", options,
                        path + ".options must have 1 to 200 choices for a DROPDOWN. Got " + options);
                for (int j = 0; j < options; j++) {
                    String value = field.getOptions().get(j).getValue();
                    String label = field.getOptions().get(j).getLabel();
                    require(OPTION_VALUE.matcher(value).matches(), path + ".options[" + j + "].value", value,
                            path + ".options[" + j + "].value must be 1 to 100 letters and digits. Got: '" + value + "'");
                    require(!label.isBlank() && label.length() <= 100, path + ".options[" + j + "].label", label,
                            path + ".options[" + j + "].label must be 1 to 100 characters. Got: '" + label + "'");
                }
            } else {
                require(options == 0, path + ".options", options, path + ".options are for a DROPDOWN only; this field is "
                        + field.getType());
            }
        }
    }

    private static void customText(CheckoutOptions o) {
        CustomText text = o.getCustomText();
        if (text == null) {
            return;
        }
        length("checkout.customText.submit", text.getSubmit());
        length("checkout.customText.afterSubmit", text.getAfterSubmit());
        length("checkout.customText.shippingAddress", text.getShippingAddress());
        length("checkout.customText.termsOfServiceAcceptance", text.getTermsOfServiceAcceptance());
        require(text.getShippingAddress() == null || !o.getShippingCountries().isEmpty(), "checkout.customText.shippingAddress",
                text.getShippingAddress(), "checkout.customText.shippingAddress needs checkout.shippingCountries (no address is collected)");
        require(text.getTermsOfServiceAcceptance() == null || o.getRequireTermsOfService(),
                "checkout.customText.termsOfServiceAcceptance", text.getTermsOfServiceAcceptance(),
                "checkout.customText.termsOfServiceAcceptance needs checkout.requireTermsOfService");
    }

    private static void length(String field, String value) {
        require(value == null || (!value.isBlank() && value.length() <= MAX_CUSTOM_TEXT), field, value,
                field + " must be 1 to " + MAX_CUSTOM_TEXT + " characters. Got " + (value == null ? 0 : value.length()));
    }

    private static void ids(String field, List<String> values, Pattern pattern, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            require(pattern.matcher(value).matches(), field + "[" + i + "]", value,
                    field + "[" + i + "] must be " + what + ". Got: '" + value + "'");
            require(seen.add(value), field + "[" + i + "]", value, field + "[" + i + "] '" + value + "' is listed twice");
        }
    }

    private static void onlyIn(CheckoutMode mode, CheckoutMode allowed, String field, Object value) {
        require(mode == allowed, field, value, field + " is only allowed in " + allowed + " mode; this order is " + mode);
    }

    private static void notIn(CheckoutMode mode, CheckoutMode refused, String field) {
        require(mode != refused, field, null, field + " is not allowed in " + refused + " mode, which charges nothing");
    }
}
