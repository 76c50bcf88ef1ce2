package org.checkoutpipeline.checkout.stripe;

import java.util.List;
import java.util.Map;

import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.ShippingOption.ShippingRateData;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomText;
import org.checkoutpipeline.events.OrderPlaced;

/**
 * Maps an order's {@link CheckoutOptions} onto the session parameters, one Stripe parameter per
 * option. Values from open sets (payment method types, locales, countries) go to Stripe as the order
 * states them, so Stripe, not this project's copy of stripe-java's enums, judges them: an unknown one
 * comes back as a Stripe error naming the parameter.
 */
final class CheckoutOptionsParams {

    private CheckoutOptionsParams() {
    }

    static void apply(SessionCreateParams.Builder params, OrderPlaced order, CheckoutOptions o) {
        if (!o.getPaymentMethodTypes().isEmpty()) {
            params.putExtraParam("payment_method_types", List.copyOf(o.getPaymentMethodTypes()));
        }
        if (o.getLocale() != null) {
            params.putExtraParam("locale", o.getLocale());
        }
        if (o.getStripeCustomerId() != null) {
            params.setCustomer(o.getStripeCustomerId());
            if (o.getAutomaticTax()) {
                // Stripe Tax needs the Customer's address, which it may not have: let Checkout save what the page collects.
                var update = SessionCreateParams.CustomerUpdate.builder().setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO);
                if (!o.getShippingCountries().isEmpty()) {
                    update.setShipping(SessionCreateParams.CustomerUpdate.Shipping.AUTO);
                }
                params.setCustomerUpdate(update.build());
            }
        }
        if (o.getCustomerCreation() != null) {
            params.setCustomerCreation(SessionCreateParams.CustomerCreation.valueOf(o.getCustomerCreation().name()));
        }
        if (o.getAllowPromotionCodes()) {
            params.setAllowPromotionCodes(true);
        }
        if (o.getCouponId() != null || o.getPromotionCodeId() != null) {
            params.addDiscount(SessionCreateParams.Discount.builder().setCoupon(o.getCouponId())
                    .setPromotionCode(o.getPromotionCodeId()).build());
        }
        if (!o.getShippingCountries().isEmpty()) {
            params.putExtraParam("shipping_address_collection",
                    Map.of("allowed_countries", List.copyOf(o.getShippingCountries())));
        }
        o.getShippingRateIds().forEach(id -> params.addShippingOption(
                SessionCreateParams.ShippingOption.builder().setShippingRate(id).build()));
        o.getShippingRates().forEach(rate -> params.addShippingOption(
                SessionCreateParams.ShippingOption.builder().setShippingRateData(shippingRate(rate, order.getCurrency())).build()));
        if (o.getCollectBillingAddress()) {
            params.setBillingAddressCollection(SessionCreateParams.BillingAddressCollection.REQUIRED);
        }
        if (o.getCollectPhone()) {
            params.setPhoneNumberCollection(SessionCreateParams.PhoneNumberCollection.builder().setEnabled(true).build());
        }
        if (o.getCollectTaxId()) {
            params.setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build());
        }
        if (o.getAutomaticTax()) {
            params.setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build());
        }
        o.getCustomFields().forEach(field -> params.addCustomField(customField(field)));
        if (o.getCustomText() != null) {
            params.setCustomText(customText(o.getCustomText()));
        }
        if (o.getRequireTermsOfService() || o.getCollectPromotionsConsent()) {
            var consent = SessionCreateParams.ConsentCollection.builder();
            if (o.getRequireTermsOfService()) {
                consent.setTermsOfService(SessionCreateParams.ConsentCollection.TermsOfService.REQUIRED);
            }
            if (o.getCollectPromotionsConsent()) {
                consent.setPromotions(SessionCreateParams.ConsentCollection.Promotions.AUTO);
            }
            params.setConsentCollection(consent.build());
        }
        if (o.getSubmitType() != null) {
            params.setSubmitType(SessionCreateParams.SubmitType.valueOf(o.getSubmitType().name()));
        }
        if (o.getTrialPeriodDays() != null) {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                    .setTrialPeriodDays((long) o.getTrialPeriodDays()).build());
        }
    }

    private static ShippingRateData shippingRate(org.checkoutpipeline.events.ShippingRateData rate, String currency) {
        var data = ShippingRateData.builder()
                .setType(ShippingRateData.Type.FIXED_AMOUNT)
                .setDisplayName(rate.getDisplayName())
                .setFixedAmount(ShippingRateData.FixedAmount.builder().setAmount(rate.getAmount()).setCurrency(currency).build());
        if (rate.getTaxBehavior() != null) {
            data.setTaxBehavior(ShippingRateData.TaxBehavior.valueOf(rate.getTaxBehavior().name()));
        }
        if (rate.getDeliveryDaysMin() != null || rate.getDeliveryDaysMax() != null) {
            var estimate = ShippingRateData.DeliveryEstimate.builder();
            if (rate.getDeliveryDaysMin() != null) {
                estimate.setMinimum(ShippingRateData.DeliveryEstimate.Minimum.builder()
                        .setUnit(ShippingRateData.DeliveryEstimate.Minimum.Unit.BUSINESS_DAY)
                        .setValue((long) rate.getDeliveryDaysMin()).build());
            }
            if (rate.getDeliveryDaysMax() != null) {
                estimate.setMaximum(ShippingRateData.DeliveryEstimate.Maximum.builder()
                        .setUnit(ShippingRateData.DeliveryEstimate.Maximum.Unit.BUSINESS_DAY)
                        .setValue((long) rate.getDeliveryDaysMax()).build());
            }
            data.setDeliveryEstimate(estimate.build());
        }
        return data.build();
    }

    private static SessionCreateParams.CustomField customField(CustomField field) {
        var custom = SessionCreateParams.CustomField.builder()
                .setKey(field.getKey())
                .setLabel(SessionCreateParams.CustomField.Label.builder()
                        .setType(SessionCreateParams.CustomField.Label.Type.CUSTOM).setCustom(field.getLabel()).build())
                .setType(SessionCreateParams.CustomField.Type.valueOf(field.getType().name()));
        if (field.getOptional()) {
            custom.setOptional(true);
        }
        if (!field.getOptions().isEmpty()) {
            var dropdown = SessionCreateParams.CustomField.Dropdown.builder();
            field.getOptions().forEach(option -> dropdown.addOption(SessionCreateParams.CustomField.Dropdown.Option.builder()
                    .setLabel(option.getLabel()).setValue(option.getValue()).build()));
            custom.setDropdown(dropdown.build());
        }
        return custom.build();
    }

    private static SessionCreateParams.CustomText customText(CustomText text) {
        var custom = SessionCreateParams.CustomText.builder();
        if (text.getSubmit() != null) {
            custom.setSubmit(SessionCreateParams.CustomText.Submit.builder().setMessage(text.getSubmit()).build());
        }
        if (text.getShippingAddress() != null) {
            custom.setShippingAddress(SessionCreateParams.CustomText.ShippingAddress.builder()
                    .setMessage(text.getShippingAddress()).build());
        }
        if (text.getTermsOfServiceAcceptance() != null) {
            custom.setTermsOfServiceAcceptance(SessionCreateParams.CustomText.TermsOfServiceAcceptance.builder()
                    .setMessage(text.getTermsOfServiceAcceptance()).build());
        }
        if (text.getAfterSubmit() != null) {
            custom.setAfterSubmit(SessionCreateParams.CustomText.AfterSubmit.builder().setMessage(text.getAfterSubmit()).build());
        }
        return custom.build();
    }
}
