package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.catalog.Coupon;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.payment.IntentData;
import org.checkoutpipeline.stripeemulator.payment.Invoice;
import org.checkoutpipeline.stripeemulator.payment.SubscriptionData;

/**
 * The Checkout options a session was created with, beyond its mode, items and URLs. Sessions
 * without any share {@link #NONE}, so they cost nothing. A new option is a component here.
 *
 * @param submitType {@code auto|book|donate|pay|subscribe}, or null when not given
 * @param paymentIntentData what {@code payment_intent_data} hands the PaymentIntent
 * @param discount the coupon or promotion code applied, or null
 * @param allowPromotionCodes whether the page offers a promotion code field
 * @param shippingOptions the {@code shipping_options}, in order (the first is the default)
 * @param shippingCountries {@code shipping_address_collection[allowed_countries]}, or null when the
 *     page does not ask for a shipping address
 * @param fields what else the page asks for, and its custom text
 * @param subscriptionData what {@code subscription_data} hands the Subscription
 * @param customerCreation {@code always}, {@code if_required}, or null when not given
 * @param customerUpdate what is saved on an existing Customer
 * @param embedded the embedded page's settings, or null for the hosted page
 * @param locale the page's {@code locale}, or null (the browser's language, as with {@code auto})
 * @param automaticTax {@code automatic_tax[enabled]}: tax from the customer's location ({@link AutomaticTax})
 * @param invoiceCreation {@code invoice_creation[invoice_data]} when an invoice is created, else null
 * @param integrationIdentifier the merchant's {@code integration_identifier}, or null
 * @param setupIntentData what {@code setup_intent_data} hands the SetupIntent
 * @param branding {@code branding_settings}, or null
 * @param paymentMethodCollection {@code always}, {@code if_required}, or null when not given
 * @param recovery {@code after_expiration[recovery]}, and where a recovered session came from
 * @param optionalItems {@code optional_items}: catalog prices the customer may add, with their suggested
 *     quantities
 */
public record SessionOptions(String submitType, IntentData paymentIntentData, Discount discount,
        boolean allowPromotionCodes, List<ShippingRate> shippingOptions, List<String> shippingCountries,
        PageFields fields, SubscriptionData subscriptionData, String customerCreation,
        CustomerUpdate customerUpdate, Embedded embedded, String locale, boolean automaticTax,
        Invoice.Data invoiceCreation, String integrationIdentifier, SetupData setupIntentData,
        Branding branding, String paymentMethodCollection, Recovery recovery, List<LineItem> optionalItems) {

    public static final SessionOptions NONE = new SessionOptions(null, IntentData.NONE, null, false,
            List.of(), null, PageFields.NONE, SubscriptionData.NONE, null, CustomerUpdate.NEVER, null, null, false,
            null, null, SetupData.NONE, null, null, Recovery.NONE, List.of());

    /**
     * Abandoned-cart recovery: {@code after_expiration[recovery]} of this session, and the session
     * this one was recovered from.
     *
     * @param enabled whether an expired session offers a recovery URL
     * @param recoveredFrom the expired session this one recovers ({@code recovered_from}), or null
     */
    public record Recovery(boolean enabled, boolean allowPromotionCodes, String recoveredFrom) {

        public static final Recovery NONE = new Recovery(false, false, null);
    }

    /** These options for the session that recovers an expired one. */
    public SessionOptions recovering(String expiredId) {
        return new SessionOptions(submitType, paymentIntentData, discount,
                allowPromotionCodes || recovery.allowPromotionCodes(), shippingOptions, shippingCountries, fields,
                subscriptionData, customerCreation, customerUpdate, embedded, locale, automaticTax, invoiceCreation,
                integrationIdentifier, setupIntentData, branding, paymentMethodCollection,
                new Recovery(false, false, expiredId), optionalItems);
    }

    /**
     * {@code branding_settings}: how the page looks. Unset values are Stripe's defaults.
     *
     * @param backgroundColor a hex color such as {@code #f6f8fa}
     * @param borderStyle {@code rounded}, {@code rectangular} or {@code pill}
     * @param fontFamily one of Stripe's font names, or {@code default}
     */
    public record Branding(String backgroundColor, String buttonColor, String borderStyle, String displayName,
            String fontFamily) {}

    /** {@code setup_intent_data}: what the SetupIntent of a setup-mode session carries. */
    public record SetupData(String description, Map<String, String> metadata) {

        public static final SetupData NONE = new SetupData(null, Map.of());
    }

    /**
     * What the page asks of the billing address: {@code billing_address_collection}, or {@code auto}
     * (country and postal code) when automatic tax needs a location; null for nothing.
     */
    public String billingAddressMode() {
        return fields.billingAddress() != null ? fields.billingAddress() : automaticTax ? "auto" : null;
    }

    /**
     * {@code ui_mode=embedded_page}: where the customer goes once paid, and when.
     *
     * @param returnUrl {@code return_url}, or null with {@code redirect_on_completion=never}
     * @param redirectOnCompletion {@code always}, {@code if_required} or {@code never}
     */
    public record Embedded(String returnUrl, String redirectOnCompletion) {

        /** Whether paying sends the customer to {@code return_url}; card and debit payments need no redirect. */
        public boolean redirectsAfterPayment() {
            return "always".equals(redirectOnCompletion);
        }
    }

    /** {@code customer_update}: which of what the page collects is saved on the session's Customer. */
    public record CustomerUpdate(boolean address, boolean name, boolean shipping) {

        public static final CustomerUpdate NEVER = new CustomerUpdate(false, false, false);
    }

    /**
     * Whether paying creates a Customer: always in subscription and setup mode; in payment mode only
     * with {@code customer_creation=always} or an invoice to send (Stripe's default,
     * {@code if_required}, makes a guest otherwise).
     */
    public boolean createsCustomer(CheckoutSession.Mode mode) {
        return mode != CheckoutSession.Mode.PAYMENT || "always".equals(customerCreation) || invoiceCreation != null;
    }

    /**
     * A coupon applied to the session, directly or through a promotion code.
     *
     * @param promotionCode the code that applied it, or null for {@code discounts[n][coupon]}
     */
    public record Discount(Coupon coupon, PromotionCode promotionCode) {}

    /** {@link #NONE} when nothing was set, so that plain sessions share one instance; else these. */
    SessionOptions shared() {
        return equals(NONE) ? NONE : this;
    }

    /** Whether the page asks for a shipping address ({@code shipping_address_collection}). */
    public boolean collectsShippingAddress() {
        return shippingCountries != null;
    }

    public SessionOptions withDiscount(Discount newDiscount) {
        return new SessionOptions(submitType, paymentIntentData, newDiscount, allowPromotionCodes,
                shippingOptions, shippingCountries, fields, subscriptionData, customerCreation, customerUpdate,
                embedded, locale, automaticTax, invoiceCreation, integrationIdentifier, setupIntentData, branding,
                paymentMethodCollection, recovery, optionalItems);
    }

    static IntentData intentData(Map<String, String> metadata, String description, String receiptEmail,
            String setupFutureUsage, String statementDescriptor, String statementDescriptorSuffix,
            String captureMethod) {
        var data = new IntentData(description, metadata, receiptEmail, setupFutureUsage, statementDescriptor,
                statementDescriptorSuffix, captureMethod);
        return data.equals(IntentData.NONE) ? IntentData.NONE : data;
    }
}
